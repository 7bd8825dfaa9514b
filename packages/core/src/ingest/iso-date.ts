/**
 * True for an ISO calendar date `YYYY-MM-DD` that exists: years 0001–9999
 * (the report schema's `format: date`), months 1–12, days within the month
 * (leap years counted). "9999-99-99", "2023-02-29", "+012345-01-01" are not.
 */
export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * ISO calendar date (YYYY-MM-DD) of a machine-readable timestamp, or null
 * when there is none or it is not a real date in years 0001–9999 (see
 * {@link isValidIsoDate}).
 */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  // Keep the date as written: converting to UTC could move it to another day.
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  if (ymd) {
    const date = `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
    return isValidIsoDate(date) ? date : null;
  }
  const parsed = new Date(trimmed);
  if (Number.isNaN(parsed.getTime())) return null;
  const date = parsed.toISOString().slice(0, 10);
  return isValidIsoDate(date) ? date : null;
}
