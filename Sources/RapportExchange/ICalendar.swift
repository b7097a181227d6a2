import RapportDomain
import RapportJournal

/// RFC 5545 text: components of properties, TEXT values escaped, lines folded at 75 octets (never inside
/// a UTF-8 sequence), every line ending in CRLF.
public enum ICalendar {
  /// One property line: `NAME;PARAMS:VALUE`. `value` is written as given (escape TEXT with `text(_:)`).
  public struct Property: Sendable, Equatable {
    public var name: String
    public var parameters: String
    public var value: String

    public init(_ name: String, parameters: String = "", _ value: String) {
      self.name = name
      self.parameters = parameters
      self.value = value
    }

    /// A TEXT property, escaped.
    public static func text(_ name: String, _ value: String) -> Property { Property(name, ICalendar.text(value)) }

    /// A DATE property (`DTSTART;VALUE=DATE:20270120`).
    public static func date(_ name: String, _ day: Day) -> Property {
      Property(name, parameters: "VALUE=DATE", ICalendar.date(day))
    }
  }

  /// A component (VEVENT, VTODO) with its properties.
  public struct Component: Sendable, Equatable {
    public var name: String
    public var properties: [Property]

    public init(_ name: String, _ properties: [Property]) {
      self.name = name
      self.properties = properties
    }
  }

  /// A VCALENDAR holding `components`.
  public static func document(_ components: [Component], productID: String, name: String? = nil) -> String {
    beginning(productID: productID, name: name) + components.map(text(of:)).joined() + end
  }

  /// A VCALENDAR's lines before its components (`document` is these, each component's `text(of:)`,
  /// then `end`: a calendar can be written a component at a time).
  public static func beginning(productID: String, name: String? = nil) -> String {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + productID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if let name { lines.append("X-WR-CALNAME:" + text(name)) }
    return lines.map(folded).joined()
  }

  /// One component's folded lines.
  public static func text(of component: Component) -> String {
    var lines = ["BEGIN:" + component.name]
    for property in component.properties {
      lines.append(
        property.name + (property.parameters.isEmpty ? "" : ";" + property.parameters) + ":" + property.value)
    }
    lines.append("END:" + component.name)
    return lines.map(folded).joined()
  }

  /// A VCALENDAR's last line.
  public static let end = folded("END:VCALENDAR")

  /// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`, other
  /// control characters dropped.
  public static func text(_ value: String) -> String {
    var out = ""
    var previousWasCR = false
    for scalar in value.unicodeScalars {
      defer { previousWasCR = scalar == "\r" }
      switch scalar {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\r": out += "\\n"
      case "\n": if !previousWasCR { out += "\\n" }
      case "\t": out += " "
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `20270120`.
  public static func date(_ day: Day) -> String {
    let (year, month, dayOfMonth) = day.components
    return pad(year, 4) + pad(month, 2) + pad(dayOfMonth, 2)
  }

  /// `20261123T093000Z`.
  public static func dateTime(_ time: Timestamp) -> String {
    let day = Day(number: time.utcDay)
    let inDay = Int(time.milliseconds - Int64(time.utcDay) * 86_400_000) / 1000
    return date(day) + "T" + pad(inDay / 3600, 2) + pad(inDay / 60 % 60, 2) + pad(inDay % 60, 2) + "Z"
  }

  /// `line` with CRLF, folded so that no physical line is longer than 75 octets: a fold is CRLF and one
  /// space, placed only between whole UTF-8 sequences.
  public static func folded(_ line: String) -> String {
    let bytes = Array(line.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 70 * 3 + 2)
    var lineLength = 0
    var index = 0
    while index < bytes.count {
      // The length of the UTF-8 sequence starting here.
      let lead = bytes[index]
      let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      let end = min(index + length, bytes.count)
      if lineLength + (end - index) > 75 {
        out += [0x0D, 0x0A, 0x20]
        lineLength = 1
      }
      out += bytes[index..<end]
      lineLength += end - index
      index = end
    }
    out += [0x0D, 0x0A]
    return String(decoding: out, as: UTF8.self)
  }

  private static func pad(_ number: Int, _ width: Int) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
