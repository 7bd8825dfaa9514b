/**
 * Length of the longest common subsequence of two sequences (words, word
 * codes, sentence frames): the classic dynamic programme, two rows kept.
 */
export function lcsLength<T>(x: ArrayLike<T>, y: ArrayLike<T>): number {
  let prev = new Uint32Array(y.length + 1);
  let cur = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++)
      cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}
