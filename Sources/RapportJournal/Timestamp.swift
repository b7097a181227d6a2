import Glibc

/// A moment, in whole milliseconds since 1970-01-01T00:00:00Z, written as ISO 8601 in UTC.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible, BitwiseCopyable {
  public var milliseconds: Int64

  public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  public static func now() -> Timestamp {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Timestamp(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
  }

  /// The UTC day this moment falls on, as a day number.
  public var utcDay: Int {
    Int((milliseconds >= 0 ? milliseconds : milliseconds - 86_399_999) / 86_400_000)
  }

  /// `2026-11-23T09:30:00.000Z`
  public var description: String {
    let day = utcDay
    let inDay = Int(milliseconds - Int64(day) * 86_400_000)
    let (hour, minute) = (inDay / 3_600_000, inDay / 60_000 % 60)
    let (second, milli) = (inDay / 1000 % 60, inDay % 1000)
    return CivilCalendar.format(day: day) + "T" + CivilCalendar.pad(hour, 2) + ":" + CivilCalendar.pad(minute, 2)
      + ":" + CivilCalendar.pad(second, 2) + "." + CivilCalendar.pad(milli, 3) + "Z"
  }

  /// Parses the form written by `description` (milliseconds optional).
  public init?(parsing text: String) {
    var text = text
    guard let parsed = text.withUTF8({ Timestamp.parse($0) }) else { return nil }
    self = parsed
  }

  /// Parses raw bytes in the same form.
  init?(parsing raw: UnsafeRawBufferPointer) {
    guard let parsed = Timestamp.parse(raw.assumingMemoryBound(to: UInt8.self)) else { return nil }
    self = parsed
  }

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    guard bytes.count == 20 || bytes.count == 24, bytes[10] == UInt8(ascii: "T"),
      bytes[bytes.count - 1] == UInt8(ascii: "Z"),
      let day = CivilCalendar.parseDay(bytes: UnsafeBufferPointer(rebasing: bytes[0..<10])),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let hour = CivilCalendar.digits(bytes, at: 11, count: 2),
      let minute = CivilCalendar.digits(bytes, at: 14, count: 2),
      let second = CivilCalendar.digits(bytes, at: 17, count: 2), hour < 24, minute < 60, second < 61
    else { return nil }
    var milli = 0
    if bytes.count == 24 {
      guard bytes[19] == UInt8(ascii: "."), let parsed = CivilCalendar.digits(bytes, at: 20, count: 3) else {
        return nil
      }
      milli = parsed
    }
    let seconds = Int64(day) * 86400 + Int64(hour * 3600 + minute * 60 + second)
    return Timestamp(milliseconds: seconds * 1000 + Int64(milli))
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }
}
