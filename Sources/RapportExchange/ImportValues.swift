import RapportDomain

/// Reading the cells of real exports: dates, numbers, money, yes/no, tiers, stages, user names.
public enum ImportValues {
  public static let dateForms = "YYYY-MM-DD (a time after it is ignored), YYYY/MM/DD, M/D/YYYY or D.M.YYYY"

  /// `2026-11-23`, `2026-11-23 14:05`, `2026-11-23T14:05:00Z` (the date as written, the time ignored),
  /// `2026/11/23`, `11/23/2026` (month first, as US exports write it) and `23.11.2026`.
  public static func day(_ text: String) -> Day? {
    let trimmed = text.trimmed
    // The common form, `2026-11-23`, read without looking at characters.
    if trimmed.utf8.count == 10, let day = Day(iso: trimmed) { return day }
    // The date part: up to a space or a `T` that follows it.
    var datePart = Substring(trimmed)
    if let cut = trimmed.firstIndex(where: { $0 == " " || $0 == "T" }) { datePart = trimmed[..<cut] }
    if let day = Day(iso: datePart) { return day }
    let digits = datePart.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map { Int($0) }
    guard digits.count == 3, let first = digits[0], let second = digits[1], let third = digits[2] else { return nil }
    if datePart.contains("/") {
      if datePart.split(separator: "/")[0].count == 4 { return Day(year: first, month: second, day: third) }
      guard datePart.split(separator: "/")[2].count == 4 else { return nil }
      return Day(year: third, month: first, day: second)
    }
    if datePart.contains(".") {
      guard datePart.split(separator: ".")[2].count == 4 else { return nil }
      return Day(year: third, month: second, day: first)
    }
    return nil
  }

  /// A plain number: `1250`, `1250.5`, `1,250.5` or `1 250`; with a `;` separator, `1.250,5` and
  /// `12,5` (a decimal comma) too. Nil beyond ±10^15 (`Quantity.maximum`): no CRM figure is that large.
  public static func number(_ text: String, decimalComma: Bool) -> Double? {
    // Digits with at most a point (most cells) need none of the rewriting below: read them as they are.
    let plain = text.trimmed
    if !plain.isEmpty, plain.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") }) {
      guard let value = Double(plain), value.isFinite, abs(value) <= Quantity.maximum else { return nil }
      return value
    }
    var input = plain.filter { $0 != " " && $0 != "_" && $0 != "\u{00A0}" && $0 != "'" }
    guard !input.isEmpty else { return nil }
    let hasComma = input.contains("," as Character)
    let hasDot = input.contains("." as Character)
    if hasComma && hasDot {
      // The last one is the decimal separator.
      let decimalIsComma =
        (input.lastIndex(of: ",") ?? input.startIndex) > (input.lastIndex(of: ".") ?? input.startIndex)
      input =
        decimalIsComma
        ? input.filter { $0 != "." }.map { $0 == "," ? "." : $0 }.reduce(into: "") { $0.append($1) }
        : input.filter { $0 != "," }
    } else if hasComma {
      input =
        decimalComma
        ? input.map { $0 == "," ? "." : $0 }.reduce(into: "") { $0.append($1) } : input.filter { $0 != "," }
    }
    guard input.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
      let value = Double(input), value.isFinite, abs(value) <= Quantity.maximum
    else { return nil }
    return value
  }

  /// An amount of money: `120000`, `120,000.00`, `$120k`, `USD 120000`, `120 000 €`.
  public static func money(_ text: String, decimalComma: Bool) -> Money? {
    var input = text.trimmed
    for code in ["USD", "EUR", "GBP", "CHF", "CAD", "AUD", "$", "€", "£"] {
      if input.uppercased().hasPrefix(code) { input = String(input.dropFirst(code.count)).trimmed }
      if input.uppercased().hasSuffix(code) { input = String(input.dropLast(code.count)).trimmed }
    }
    if let value = number(input, decimalComma: decimalComma), value >= 0, value < Money.unitLimit {
      return Money(units: value)
    }
    return Money(parsing: input)
  }

  /// yes/no, true/false, 1/0, y/n, x (checked) and empty (no).
  public static func flag(_ text: String) -> Bool? {
    switch text.trimmed.lowercased() {
    case "", "no", "n", "false", "0", "-": return false
    case "yes", "y", "true", "1", "x", "✓", "✔": return true
    default: return nil
    }
  }

  /// `1`, `2`, `3`, `Tier 1`, `T2`.
  public static func tier(_ text: String) -> Int? {
    var input = text.trimmed.lowercased()
    if input.hasPrefix("tier") { input = String(input.dropFirst(4)).trimmed }
    if input.hasPrefix("t") { input = String(input.dropFirst()) }
    guard let tier = Int(input), (1...3).contains(tier) else { return nil }
    return tier
  }

  /// What a stage cell says.
  public enum StageReading: Sendable, Equatable {
    case stage(Stage)
    /// Not a client (a lead, a prospect, a partner): the row is skipped, with why.
    case notAClient(String)
  }

  /// Rapport's stages (or an unambiguous beginning of one), HubSpot lifecycle stages (customer →
  /// retention, evangelist → advocacy; subscriber, lead, MQL, SQL, opportunity and other are not
  /// clients yet) and Salesforce account types (Customer - Direct, Customer - Channel → retention;
  /// prospects and partners are not clients).
  public static func stage(_ text: String) -> StageReading? {
    let key = HeaderMapping.normalised(text)
    switch key {
    case "customer", "customerdirect", "customerchannel", "client", "active", "activecustomer":
      return .stage(.retention)
    case "evangelist", "advocate", "promoter": return .stage(.advocacy)
    case "churned", "formercustomer", "lost", "cancelled", "canceled", "inactive": return .stage(.churned)
    case "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "prospect", "other",
      "channelpartnerreseller", "installationpartner", "technologypartner", "partner", "reseller":
      return .notAClient(text.trimmed)
    default:
      if key.hasPrefix("customer") { return .stage(.retention) }
      return Stage(userInput: text).map { .stage($0) }
    }
  }

  /// A Rapport user name from an owner cell: kept when it is one already (`alice`); an email address
  /// gives its local part (`alice@acme.example` → `alice`); a person's name gives its words joined by
  /// dots (`Alice Martin` → `alice.martin`). Nil when nothing usable is left.
  public static func user(_ text: String) -> String? {
    let input = text.trimmed
    guard !input.isEmpty else { return nil }
    if isUserName(input) && !input.contains("@") { return input }
    if let at = input.firstIndex(of: "@"), input[input.index(after: at)...].contains(".") {
      let local = String(input[..<at]).lowercased()
      return isUserName(local) ? local : nil
    }
    let words = input.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
    let joined = words.joined(separator: ".")
    return isUserName(joined) && !joined.isEmpty ? joined : nil
  }

  static func isUserName(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return (1...64).contains(bytes.count)
      && bytes.allSatisfy { byte in
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
          || Array("._-@".utf8).contains(byte)
      }
  }

  /// An account id made from a name: lowercase ASCII letters and digits, other runs become one hyphen,
  /// at most 40 characters; a name with no such letters gets `a-` and a hash of the name.
  public static func slug(fromName name: String) -> String {
    var slug = ""
    var pendingHyphen = false
    for scalar in name.lowercased().unicodeScalars {
      if scalar.isASCII, ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if pendingHyphen && !slug.isEmpty { slug.append("-") }
        pendingHyphen = false
        slug.unicodeScalars.append(scalar)
      } else {
        pendingHyphen = true
      }
    }
    if slug.count > 40 {
      slug = String(slug.prefix(40))
      while slug.hasSuffix("-") { slug.removeLast() }
    }
    if slug.isEmpty {
      var hash: UInt32 = 2_166_136_261
      for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
      let hex = String(hash, radix: 16)
      slug = "a-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
    return slug
  }

  public static func isSlug(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    func ok(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
    guard (1...40).contains(bytes.count), let first = bytes.first, ok(first) else { return false }
    return bytes.allSatisfy { ok($0) || $0 == UInt8(ascii: "-") }
  }
}

extension String {
  var trimmed: String {
    // Most cells need nothing: a first and last byte that are printable ASCII, not a space.
    if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
      return self
    }
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
