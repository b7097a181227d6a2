/// JSON written straight to bytes, value after value, in the same form as `JSONWriter`: for output
/// large enough that building a `JSONValue` tree first costs more than the writing (a large board is
/// tens of thousands of objects).
///
/// The caller keeps the nesting right: every `beginObject` has its `endObject`, and inside an object
/// every value follows a `key`.
public struct JSONStream {
  public private(set) var bytes: [UInt8] = []
  /// Nothing written yet in the innermost open object or array.
  private var atStart = true
  /// A key was just written: its value needs no comma.
  private var afterKey = false

  public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  public mutating func beginObject() { open(UInt8(ascii: "{")) }

  public mutating func endObject() { close(UInt8(ascii: "}")) }

  public mutating func beginArray() { open(UInt8(ascii: "[")) }

  public mutating func endArray() { close(UInt8(ascii: "]")) }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    atStart = true
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    atStart = false
  }

  /// A key written as it is: a literal needing no escape (a program's field name, not data).
  public mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    afterKey = true
  }

  public mutating func string(_ text: String?) {
    separate()
    if let text { JSONWriter.writeString(text, into: &bytes) } else { appendNull() }
  }

  public mutating func integer(_ value: Int?) {
    separate()
    if let value { JSONWriter.writeInteger(value, into: &bytes) } else { appendNull() }
  }

  public mutating func number(_ value: Double?) {
    separate()
    if let value { JSONWriter.writeNumber(value, into: &bytes) } else { appendNull() }
  }

  public mutating func bool(_ flag: Bool) {
    separate()
    bytes.append(contentsOf: (flag ? "true" : "false").utf8)
  }

  /// A whole value built the ordinary way.
  public mutating func value(_ value: JSONValue) {
    separate()
    JSONWriter.write(value, into: &bytes)
  }

  /// Bytes of complete JSON values written elsewhere, as the next value.
  public mutating func raw(_ json: [UInt8]) {
    separate()
    bytes.append(contentsOf: json)
  }

  /// A key and its value, in one call.
  public mutating func field(_ name: StaticString, _ text: String?) {
    key(name)
    string(text)
  }

  public mutating func field(_ name: StaticString, _ value: Int?) {
    key(name)
    integer(value)
  }

  public mutating func field(_ name: StaticString, _ value: Double?) {
    key(name)
    number(value)
  }

  private mutating func appendNull() { bytes.append(contentsOf: "null".utf8) }

  /// The comma before a value or key, unless it opens its container or follows its key.
  private mutating func separate() {
    if afterKey {
      afterKey = false
    } else if !atStart {
      bytes.append(UInt8(ascii: ","))
    }
    atStart = false
  }
}
