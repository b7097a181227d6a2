/// Proleptic Gregorian date arithmetic on day numbers (days since 1970-01-01), without Foundation's
/// calendar machinery, which is far too slow for a million records.
public enum CivilCalendar {
  /// Days since 1970-01-01 for a year, month (1–12) and day (1–31). Howard Hinnant's algorithm.
  public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    let adjustedYear = month <= 2 ? year - 1 : year
    let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
    let yearOfEra = adjustedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The year, month and day of a day number.
  public static func components(ofDay dayNumber: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = dayNumber + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Parses exactly `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
  ///
  /// Inlinable, so that a caller's `String` reaches its bytes directly: through the generic protocol
  /// witnesses it cost more than the parsing, for every dated record of a replay.
  @inlinable
  public static func parseDay(_ text: some StringProtocol) -> Int? {
    if let fast = text.utf8.withContiguousStorageIfAvailable({ parseDay(bytes: $0) }) { return fast }
    return Array(text.utf8).withUnsafeBufferPointer { parseDay(bytes: $0) }
  }

  /// `parseDay` over raw bytes, for the replay hot path.
  public static func parseDay(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    guard let year = digits(bytes, at: 0, count: 4), let month = digits(bytes, at: 5, count: 2),
      let day = digits(bytes, at: 8, count: 2),
      (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
    else { return nil }
    return dayNumber(year: year, month: month, day: day)
  }

  /// `YYYY-MM-DD` for a day number.
  public static func format(day dayNumber: Int) -> String {
    let (year, month, day) = components(ofDay: dayNumber)
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
  }

  /// 0 = Monday … 6 = Sunday.
  public static func weekday(ofDay dayNumber: Int) -> Int {
    // 1970-01-01 was a Thursday (3).
    ((dayNumber % 7) + 7 + 3) % 7
  }

  /// The number that the `count` decimal digits at `start` of `bytes` write, or nil. By index: through
  /// a slice's iterator, reading the dates of a replay's every record was a few per cent of its checking.
  @inline(__always)
  static func digits(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, count: Int) -> Int? {
    var value = 0
    for index in start..<(start + count) {
      let digit = bytes[index] &- 0x30
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
