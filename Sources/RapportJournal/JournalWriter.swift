/// Writes chained records into a journal that is being created (not yet visible to anyone), buffered.
public struct JournalWriter {
  let file: FileDescriptor
  let path: String
  private var buffer: [UInt8] = []
  private var previous = HashHex.genesis
  public private(set) var lastSeq = 0

  init(file: FileDescriptor, path: String) {
    self.file = file
    self.path = path
    buffer.reserveCapacity(1 << 20)
  }

  public mutating func append(
    _ draft: EventDraft, at time: Timestamp, by user: String, login: String? = Journal.processLogin
  ) throws {
    let line = RecordEncoder.line(
      for: draft, seq: lastSeq + 1, at: time, by: user, login: login, batch: nil, previous: previous)
    guard line.bytes.count <= Journal.maximumRecordBytes else {
      throw JournalError.recordTooLarge(bytes: line.bytes.count)
    }
    buffer.append(contentsOf: line.bytes)
    previous = line.hash
    lastSeq += 1
    if buffer.count >= 1 << 20 { try flush() }
  }

  mutating func flush() throws {
    guard !buffer.isEmpty else { return }
    let (_, failure) = file.writeAll(buffer)
    if let failure { throw JournalError.system(path: path, operation: "writing", code: failure) }
    buffer.removeAll(keepingCapacity: true)
  }
}
