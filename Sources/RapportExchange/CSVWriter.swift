import RapportJournal

/// RFC 4180 CSV out: fields holding a comma, quote, CR or LF are quoted with quotes doubled; lines end
/// in CRLF. What `CSVReader` reads back field for field.
public enum CSVWriter {
  public static func line(_ fields: [String]) -> String {
    fields.map(quoted).joined(separator: ",") + "\r\n"
  }

  public static func quoted(_ field: String) -> String {
    guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return field }
    var out = "\""
    for character in field.unicodeScalars {
      if character == "\"" { out += "\"\"" } else { out.unicodeScalars.append(character) }
    }
    return out + "\""
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
