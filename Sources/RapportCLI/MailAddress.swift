import RapportDomain
import RapportText

/// A mailbox for a `To:` or `From:` header: an address (`EmailAddress`), and a display name, which
/// may be any text (it is encoded per RFC 2047 when not plain ASCII).
struct MailAddress: Equatable, Sendable {
  var name: String?
  var address: String

  init(name: String?, address: String) {
    self.name = name
    self.address = address
  }

  /// Reads `name@example.com` or `Display Name <name@example.com>` (the name may be in double
  /// quotes); nil when it is neither, or the address inside is not one plain address.
  init?(parsing text: String) {
    let trimmed = text.trimmingSpaces()
    guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
      guard EmailAddress.isValid(trimmed) else { return nil }
      self.init(name: nil, address: trimmed)
      return
    }
    let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
    guard EmailAddress.isValid(address) else { return nil }
    var name = String(trimmed[..<open]).trimmingSpaces()
    if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
    // A name is shown, never parsed again: controls go, and it stays on one line.
    guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
    self.init(name: name.isEmpty ? nil : name, address: address)
  }

  /// The header's value, folded and encoded: `address`, `Name <address>`, `"Name, Jr." <address>`, or
  /// `=?utf-8?b?…?= <address>`; `prefix` is what stands before it on the first line ("To: ").
  func header(after prefix: String) -> String {
    guard let name, !name.isEmpty else { return address }
    let clean = MailHeader.oneLine(name)
    if clean.unicodeScalars.allSatisfy({ $0.isASCII }) {
      let plain = clean.unicodeScalars.allSatisfy { MailHeader.isAtomText($0) || $0 == " " }
      let phrase = plain ? clean : MailHeader.quoted(clean)
      if prefix.utf8.count + phrase.utf8.count + address.utf8.count + 3 <= MailHeader.lineLimit {
        return "\(phrase) <\(address)>"
      }
    }
    return MailHeader.encodedWords(clean, after: prefix) + "\r\n <\(address)>"
  }
}
