/// A member's mail address as Rapport accepts it: one RFC 5322 addr-spec in its plain form,
/// `local@domain`, ASCII only. It is written into a `To:` header, so nothing that could end a header,
/// add a recipient or start a display name may be in it: no spaces, line breaks, commas, semicolons,
/// angle brackets, quotes, parentheses or backslashes.
public enum EmailAddress {
  /// The longest address SMTP carries (RFC 5321: a path of 256 octets, less the brackets).
  public static let maximumLength = 254

  /// What an address must look like, for messages.
  public static let expected =
    "one address like name@example.com (no spaces, line breaks, commas, angle brackets or quotes)"

  /// Whether `text` is one plain address.
  public static func isValid(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard (3...maximumLength).contains(bytes.count), let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
      return false
    }
    let local = bytes[..<at]
    let domain = bytes[(at + 1)...]
    return (1...64).contains(local.count) && isDotAtom(local, allowed: isAtomText) && isDomain(domain)
  }

  /// Throws `invalidValue` naming `field` unless `text` is one plain address.
  public static func check(_ text: String, field: String) throws(DomainError) {
    guard isValid(text) else { throw .invalidValue(field: field, value: text, expected: expected) }
  }

  /// Words separated by single dots, none empty.
  private static func isDotAtom(_ bytes: ArraySlice<UInt8>, allowed: (UInt8) -> Bool) -> Bool {
    let words = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return words.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
  }

  /// Host names: labels of letters, digits and inner hyphens (`localhost` too: a team's host may
  /// deliver locally).
  private static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard bytes.count <= 253 else { return false }
    let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return labels.allSatisfy { label in
      (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
        && label.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
    }
  }

  private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~`` (no specials, no space, no controls).
  public static func isAtomText(_ byte: UInt8) -> Bool {
    isLetterOrDigit(byte) || Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
  }
}

extension Validation {
  static func email(_ text: String, field: String) throws(DomainError) {
    try EmailAddress.check(text, field: field)
  }
}
