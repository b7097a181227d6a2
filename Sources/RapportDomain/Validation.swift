/// Checks on what users type, shared by every command.
enum Validation {
  static let maximumTextLength = 20_000

  static func slug(_ slug: String) throws(DomainError) {
    let bytes = Array(slug.utf8)
    guard (1...40).contains(bytes.count), let first = bytes.first, isLowerAlphanumeric(first),
      bytes.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") })
    else { throw .invalidSlug(slug) }
  }

  static func user(_ user: String) throws(DomainError) {
    let bytes = Array(user.utf8)
    guard (1...64).contains(bytes.count),
      bytes.allSatisfy({ isLowerAlphanumeric($0) || (0x41...0x5A).contains($0) || Array("._-@".utf8).contains($0) })
    else { throw .invalidUser(user) }
  }

  /// An OS login name as `useradd` accepts it (letters, digits, '.', '_', '-', a trailing '$'), 1–32 bytes.
  static func login(_ login: String) throws(DomainError) {
    let bytes = Array(login.utf8)
    guard (1...32).contains(bytes.count), bytes.first != UInt8(ascii: "-"),
      bytes.enumerated().allSatisfy({ index, byte in
        isLowerAlphanumeric(byte) || (0x41...0x5A).contains(byte) || Array("._-".utf8).contains(byte)
          || (byte == UInt8(ascii: "$") && index == bytes.count - 1)
      })
    else {
      throw .invalidValue(field: "login", value: login, expected: "an OS login name (letters, digits, '.', '_', '-')")
    }
  }

  /// Trims and checks a piece of free text; returns the trimmed text.
  static func text(_ text: String, field: String) throws(DomainError) -> String {
    let trimmed = text.trimmingSpaces()
    guard !trimmed.isEmpty else { throw .missingValue(field: field) }
    guard trimmed.count <= maximumTextLength else {
      throw .invalidValue(
        field: field, value: String(trimmed.prefix(20)) + "…", expected: "at most \(maximumTextLength) characters")
    }
    return trimmed
  }

  static func optionalText(_ text: String?, field: String) throws(DomainError) -> String? {
    guard let text, !text.trimmingSpaces().isEmpty else { return nil }
    return try self.text(text, field: field)
  }

  /// Checks that `day` lies between 1990-01-01 and 2100-12-31.
  static func day(_ day: Day, field: String) throws(DomainError) {
    guard Day.acceptedRange.contains(day) else {
      throw .invalidValue(field: field, value: day.description, expected: "a date from 1990-01-01 to 2100-12-31")
    }
  }

  /// Checks the day something happened: within the accepted range and not after `today`.
  static func happened(_ day: Day, field: String, today: Day) throws(DomainError) {
    try self.day(day, field: field)
    guard day <= today else { throw .inTheFuture(field: field, day: day, today: today) }
  }

  /// Refuses a write dated by a today later than the clock's date (its own time zone): every entry takes
  /// today as its default date, so it would record as happened what has not happened yet.
  static func todayNotAfterClock(_ context: Context) throws(DomainError) {
    let clock = Day.local(context.now)
    guard context.today <= clock else { throw .todayAfterClock(today: context.today, clock: clock) }
  }

  static func tier(_ tier: Int) throws(DomainError) {
    guard (1...3).contains(tier) else { throw .invalidValue(field: "tier", value: String(tier), expected: "1, 2 or 3") }
  }

  private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
    (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
  }
}
