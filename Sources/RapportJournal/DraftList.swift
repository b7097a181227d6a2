/// The drafts of one large batch (an import of a million rows), held as the JSON they will be written
/// as rather than as `EventDraft`s: each draft's id and data are encoded once into one shared buffer,
/// and its type and account are numbers into small tables. A usage sample takes some 90 bytes here
/// against some 300 as an `EventDraft` with its `JSONObject`.
///
/// `Journal.append(batch:)` streams the lines from it; the bytes written are those `RecordEncoder`
/// writes for the same drafts.
public struct DraftList: Sendable {
  struct Entry {
    /// Where the draft's id (a JSON string, quotes included) starts: a segment of `segments` and an
    /// offset in it; its data follows it.
    var segment: UInt32
    var start: UInt32
    var idLength: UInt32
    var dataLength: UInt32
    /// Index into `types`.
    var type: UInt32
    /// Index into `accounts`; `noAccount` for none.
    var account: UInt32
  }

  static let noAccount = UInt32.max

  private(set) var entries: [Entry] = []
  /// The encoded ids and data, in segments of about `segmentBytes` (one array grown by doubling would
  /// briefly hold twice the batch).
  private var segments: [[UInt8]] = []
  private var bytes: [UInt8] = []
  static let segmentBytes = 4 << 20
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

  /// Makes room for `count` drafts.
  public mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

  public mutating func append(_ draft: EventDraft) {
    if bytes.count >= Self.segmentBytes {
      segments.append(bytes)
      bytes = []
      bytes.reserveCapacity(Self.segmentBytes + 4096)
    }
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
        segment: UInt32(segments.count), start: UInt32(start), idLength: UInt32(idLength),
        dataLength: UInt32(bytes.count - start - idLength), type: type,
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
    withEncoded(index) { entry, id, data in
      EventDraft(
        id: (try? JSONParser.parse(id))?.stringValue ?? "", type: types[Int(entry.type)],
        account: entry.account == Self.noAccount ? nil : accounts[Int(entry.account)],
        data: (try? JSONParser.parse(data))?.objectValue ?? JSONObject())
    }
  }

  /// Every draft, as `EventDraft`s (for a journal store, which takes them so).
  public var drafts: [EventDraft] { entries.indices.map { self[$0] } }

  /// The id and data of the draft at `index`, encoded, for the line writer.
  func withEncoded<T>(_ index: Int, _ body: (Entry, UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> T)
    rethrows
    -> T
  {
    let entry = entries[index]
    let segment = Int(entry.segment)
    return try (segment < segments.count ? segments[segment] : bytes).withUnsafeBytes { raw in
      let start = Int(entry.start)
      let idEnd = start + Int(entry.idLength)
      return try body(
        entry, UnsafeRawBufferPointer(rebasing: raw[start..<idEnd]),
        UnsafeRawBufferPointer(rebasing: raw[idEnd..<(idEnd + Int(entry.dataLength))]))
    }
  }
}
