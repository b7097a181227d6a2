/// The drafts of one large batch (an import of a million rows), held as the JSON they will be written
/// as rather than as `EventDraft`s: each draft's id and data are encoded once into one shared buffer,
/// and its type and account are numbers into small tables. A usage sample takes some 90 bytes here
/// against some 300 as an `EventDraft` with its `JSONObject`.
///
/// `Journal.append(batch:)` streams the lines from it; the bytes written are those `RecordEncoder`
/// writes for the same drafts.
public struct DraftList: Sendable {
  struct Entry {
    /// Where the draft's id (a JSON string, quotes included) starts in `bytes`; its data follows it.
    var start: Int
    var idLength: UInt32
    var dataLength: UInt32
    /// Index into `types`.
    var type: UInt32
    /// Index into `accounts`; `noAccount` for none.
    var account: UInt32
  }

  static let noAccount = UInt32.max

  private(set) var entries: [Entry] = []
  private(set) var bytes: [UInt8] = []
  /// Each type and account as its envelope member, encoded: `,"type":"usage.recorded"`.
  private(set) var typeMembers: [[UInt8]] = []
  private(set) var accountMembers: [[UInt8]] = []
  private var types: [String] = []
  private var accounts: [String] = []
  private var typeNumbers: [String: UInt32] = [:]
  private var accountNumbers: [String: UInt32] = [:]

  public init() {}

  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }

  public mutating func append(_ draft: EventDraft) {
    let start = bytes.count
    JSONWriter.writeString(draft.id, into: &bytes)
    let idLength = bytes.count - start
    JSONWriter.write(.object(draft.data), into: &bytes)
    let type = Self.number(of: draft.type, in: &types, &typeNumbers, &typeMembers, member: "type")
    let account =
      draft.account.map { Self.number(of: $0, in: &accounts, &accountNumbers, &accountMembers, member: "account") }
      ?? Self.noAccount
    entries.append(
      Entry(
        start: start, idLength: UInt32(idLength), dataLength: UInt32(bytes.count - start - idLength), type: type,
        account: account))
  }

  private static func number(
    of text: String, in table: inout [String], _ numbers: inout [String: UInt32], _ members: inout [[UInt8]],
    member: String
  ) -> UInt32 {
    if let number = numbers[text] { return number }
    let number = UInt32(table.count)
    table.append(text)
    numbers[text] = number
    var encoded: [UInt8] = [UInt8(ascii: ",")]
    JSONWriter.writeString(member, into: &encoded)
    encoded.append(UInt8(ascii: ":"))
    JSONWriter.writeString(text, into: &encoded)
    members.append(encoded)
    return number
  }

  /// The draft at `index`, as it was appended (its data read back from the JSON it was written as).
  public subscript(index: Int) -> EventDraft {
    let entry = entries[index]
    let id = bytes.withUnsafeBytes { raw in
      (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[entry.start..<(entry.start + Int(entry.idLength))])))?
        .stringValue ?? ""
    }
    let dataStart = entry.start + Int(entry.idLength)
    let data = bytes.withUnsafeBytes { raw in
      (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + Int(entry.dataLength))])))?
        .objectValue ?? JSONObject()
    }
    return EventDraft(
      id: id, type: types[Int(entry.type)], account: entry.account == Self.noAccount ? nil : accounts[Int(entry.account)],
      data: data)
  }

  /// Every draft, as `EventDraft`s (for a journal store, which takes them so).
  public var drafts: [EventDraft] { entries.indices.map { self[$0] } }

  /// The id and data of the draft at `index`, encoded, for the line writer.
  func withEncoded<T>(_ index: Int, _ body: (Entry, UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> T) rethrows
    -> T
  {
    let entry = entries[index]
    return try bytes.withUnsafeBytes { raw in
      let idEnd = entry.start + Int(entry.idLength)
      return try body(
        entry, UnsafeRawBufferPointer(rebasing: raw[entry.start..<idEnd]),
        UnsafeRawBufferPointer(rebasing: raw[idEnd..<(idEnd + Int(entry.dataLength))]))
    }
  }
}
