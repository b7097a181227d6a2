import RapportJournal

/// RFC 4180 CSV out: fields holding a comma, quote, CR or LF are quoted with quotes doubled; lines end
/// in CRLF. What `CSVReader` reads back field for field, except for the two changes below that make a
/// file safe to open in a spreadsheet or print on a terminal:
///
/// - **Formulas are not run.** A cell that a spreadsheet would read as a formula, one starting with
///   `=`, `+`, `-`, `@`, TAB or CR, is written with a `'` before it (as OWASP advises against CSV
///   injection), unless the whole cell is a number (`-3`, `-2.5`, `+1e3` stay as they are; `-2+3`
///   becomes `'-2+3`).
/// - **Control characters are shown, not sent.** C0 controls, DEL, C1 controls (U+0080–U+009F) and the
///   bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are written as the
///   visible text `\uXXXX` (four lowercase hex digits, as JSON escapes them): an ESC, BEL or RLO in a
///   name cannot drive a terminal or reorder what a reader sees. TAB and LF are kept (a multi-line note
///   stays multi-line, in a quoted cell), and so is CR when a LF follows it (a CRLF line break); a CR
///   alone, which would let text overwrite its own line on a terminal, is escaped. The change is one
///   way: `\u001b` read back is those six characters.
public enum CSVWriter {
  public static func line(_ fields: [String]) -> String {
    fields.map { quoted(safe($0)) }.joined(separator: ",") + "\r\n"
  }

  public static func quoted(_ field: String) -> String {
    guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return field }
    var out = "\""
    for character in field.unicodeScalars {
      if character == "\"" { out += "\"\"" } else { out.unicodeScalars.append(character) }
    }
    return out + "\""
  }

  /// The cell as it is written (before quoting): a formula defused, controls escaped (see above).
  public static func safe(_ field: String) -> String {
    // Most cells need nothing: printable ASCII not starting a formula.
    if let first = field.utf8.first, !startsFormula(first),
      field.utf8.allSatisfy({ (0x20..<0x7F).contains($0) })
    {
      return field
    }
    var out = ""
    if let first = field.utf8.first, startsFormula(first), !isNumber(field) { out.append("'") }
    let scalars = Array(field.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      if mustEscape(scalar, next: index + 1 < scalars.count ? scalars[index + 1] : nil) {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `=`, `+`, `-`, `@`, TAB, CR.
  static func startsFormula(_ byte: UInt8) -> Bool {
    byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
  }

  /// A decimal number as a spreadsheet reads one: an optional sign, digits with at most one point, an
  /// optional exponent (`-3`, `-2.5`, `+.5`, `1e3`, `-1.5E-7`).
  static func isNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
    var digits = 0
    var point = false
    while let byte = bytes.first, (0x30...0x39).contains(byte) || (byte == 0x2E && !point) {
      if byte == 0x2E { point = true } else { digits += 1 }
      bytes = bytes.dropFirst()
    }
    guard digits > 0 else { return false }
    if let e = bytes.first, e == 0x65 || e == 0x45 {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
      guard let first = bytes.first, (0x30...0x39).contains(first) else { return false }
      while let byte = bytes.first, (0x30...0x39).contains(byte) { bytes = bytes.dropFirst() }
    }
    return bytes.isEmpty
  }

  /// C0 but TAB, LF and the CR of a CRLF; DEL; C1; the bidirectional controls.
  static func mustEscape(_ scalar: Unicode.Scalar, next: Unicode.Scalar?) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: return false
    case 0x0D: return next != "\n"
    case 0x00..<0x20, 0x7F...0x9F: return true
    default: return isBidiControl(scalar)
    }
  }

  /// U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
  public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// A table of JSON objects as CSV: the header is `columns`, each cell the value of that key, written
  /// as text (null empty, numbers as JSON writes them, arrays joined with spaces, objects as JSON).
  public static func table(_ objects: [JSONObject], columns: [String]) -> String {
    var text = line(columns)
    for object in objects {
      text += line(columns.map { cell(object[$0]) })
    }
    return text
  }

  public static func cell(_ value: JSONValue?) -> String {
    switch value {
    case .none, .null?: return ""
    case .string(let text)?: return text
    case .bool(let flag)?: return flag ? "true" : "false"
    case .array(let items)?: return items.map { cell($0) }.joined(separator: " ")
    case .number?, .object?: return value.map(JSONWriter.string(of:)) ?? ""
    }
  }
}
