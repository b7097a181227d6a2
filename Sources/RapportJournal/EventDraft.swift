/// An event about to be appended: everything but its sequence number and hash.
public struct EventDraft: Sendable, Equatable {
  public var id: String
  public var type: String
  public var account: String?
  public var data: JSONObject

  public init(id: String = EventDraft.newID(), type: String, account: String? = nil, data: JSONObject = JSONObject()) {
    self.id = id
    self.type = type
    self.account = account
    self.data = data
  }

  /// A random (version 4) UUID in lowercase.
  public static func newID() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
    return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
  }
}
