// The `stopword` package ships no type declarations: its language lists are
// arrays of strings keyed by ISO 639-3 code.
declare module 'stopword' {
  const lists: Record<string, unknown>;
  export = lists;
}
