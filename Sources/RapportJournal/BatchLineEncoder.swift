/// Encodes the lines of one batch from a `DraftList`, byte for byte what `RecordEncoder` writes, with
/// the parts every line shares (time, user, login) encoded once.
struct BatchLineEncoder {
  private static let opening: [UInt8] = Array(#"{"v":1,"seq":"#.utf8)
  private static let idMember: [UInt8] = Array(#","id":"#.utf8)
  private static let batchMember: [UInt8] = Array(#","batch":["#.utf8)
  private static let dataMember: [UInt8] = Array(#","data":"#.utf8)

  /// `,"at":"…","by":"…"` and, when there is one, `,"login":"…"`.
  private let shared: [UInt8]
  let count: Int
  let firstSeq: Int

  init(time: Timestamp, user: String, login: String?, count: Int, firstSeq: Int) {
    var shared: [UInt8] = []
    for (key, value) in [("at", time.description), ("by", user)] + (login.map { [("login", $0)] } ?? []) {
      shared.append(UInt8(ascii: ","))
      JSONWriter.writeString(key, into: &shared)
      shared.append(UInt8(ascii: ":"))
      JSONWriter.writeString(value, into: &shared)
    }
    self.shared = shared
    self.count = count
    self.firstSeq = firstSeq
  }

  /// The batch member of the line at `index`: none for a batch of one, as for a single append.
  private func batch(_ index: Int) -> (index: Int, size: Int)? { count > 1 ? (index + 1, count) : nil }

  /// The length of the line at `index`, newline included, without encoding it.
  func length(of index: Int, in drafts: DraftList) -> Int {
    drafts.withEncoded(index) { entry, id, data in
      var length = Self.opening.count + Self.digits(firstSeq + index) + Self.idMember.count + id.count + shared.count
      length += drafts.typeMembers[Int(entry.type)].count
      if entry.account != DraftList.noAccount { length += drafts.accountMembers[Int(entry.account)].count }
      if let batch = batch(index) {
        length += Self.batchMember.count + Self.digits(batch.index) + 1 + Self.digits(batch.size) + 1
      }
      return length + Self.dataMember.count + data.count + RecordEncoder.suffixLength + 1
    }
  }

  /// Appends the line at `index`, chained onto `previous`, to `out`; returns its hash.
  func append(_ index: Int, of drafts: DraftList, previous: HashHex, into out: inout [UInt8]) -> HashHex {
    let start = out.count
    drafts.withEncoded(index) { entry, id, data in
      out.append(contentsOf: Self.opening)
      JSONWriter.writeInteger(firstSeq + index, into: &out)
      out.append(contentsOf: Self.idMember)
      out.append(contentsOf: id)
      out.append(contentsOf: shared)
      out.append(contentsOf: drafts.typeMembers[Int(entry.type)])
      if entry.account != DraftList.noAccount { out.append(contentsOf: drafts.accountMembers[Int(entry.account)]) }
      if let batch = batch(index) {
        out.append(contentsOf: Self.batchMember)
        JSONWriter.writeInteger(batch.index, into: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.writeInteger(batch.size, into: &out)
        out.append(UInt8(ascii: "]"))
      }
      out.append(contentsOf: Self.dataMember)
      out.append(contentsOf: data)
    }
    let hash = out.withUnsafeBytes { raw in
      ChainHash.hash(previous: previous, body: UnsafeRawBufferPointer(rebasing: raw[start...]))
    }
    out.append(contentsOf: RecordEncoder.hashFieldPrefix)
    hash.withBytes { out.append(contentsOf: $0) }
    out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0A])
    return hash
  }

  /// The batch position of the line at `index`, for the records `Journal.append(batch:)` reports.
  func position(of index: Int) -> (index: Int, size: Int)? { batch(index) }

  private static func digits(_ value: Int) -> Int {
    var count = 1
    var rest = value.magnitude / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    return count + (value < 0 ? 1 : 0)
  }
}
