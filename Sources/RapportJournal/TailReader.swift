/// Reads the last lines of a journal backwards, for a writer that must chain onto the last record.
struct TailReader {
  let file: FileDescriptor
  let size: UInt64
  let path: String

  /// The end of the journal, or the unfinished tail (torn line or incomplete batch) to set aside first.
  func read() throws -> (end: JournalPosition, unfinished: LineProblem?) {
    let lastByte = try file.read(at: size - 1, count: 1)
    if lastByte.first != 0x0A {
      let fragmentStart = try lastNewline(before: size).map { $0 + 1 } ?? 0
      if fragmentStart == 0 { throw JournalError.notAJournal(path: path, detail: "the first line is incomplete") }
      let last = try lastRecord(endingAt: fragmentStart)
      let problem = LineProblem(
        seq: last.seq + 1, offset: fragmentStart, length: Int(size - fragmentStart), kind: .torn)
      return (JournalPosition(offset: fragmentStart, lastSeq: last.seq, chain: last.chainHash), problem)
    }
    let last = try lastRecord(endingAt: size)
    if let batch = last.batch, batch.index < batch.size {
      let members = try lines(count: batch.index, endingAt: size)
      // Only lines that really are the earlier members of this batch may be set aside.
      let consistent =
        members.count == batch.index
        && members.enumerated().allSatisfy { index, member in
          let decoded = member.bytes.withUnsafeBytes {
            try? RecordDecoder.decode($0, offset: member.offset, chain: nil)
          }
          return decoded?.batch?.index == index + 1 && decoded?.batch?.size == batch.size
            && decoded?.seq == last.seq - batch.index + 1 + index
        }
      guard consistent, let first = members.first else {
        throw JournalError.damagedTail(
          path: path,
          problem: LineProblem(
            seq: last.seq, offset: last.offset, length: 0, kind: .malformed("batch members do not match")))
      }
      let problem = LineProblem(
        seq: last.seq - batch.index + 1, offset: first.offset, length: Int(size - first.offset), kind: .incompleteBatch)
      return (JournalPosition(offset: first.offset, lastSeq: last.seq - batch.index, chain: .genesis), problem)
    }
    return (JournalPosition(offset: size, lastSeq: last.seq, chain: last.chainHash), nil)
  }

  /// The record whose line ends (newline included) exactly at `end`, read without its chain.
  func record(endingAt end: UInt64) throws -> Record? {
    guard end > 0, try file.read(at: end - 1, count: 1).first == 0x0A,
      let line = try lines(count: 1, endingAt: end).last
    else { return nil }
    return line.bytes.withUnsafeBytes { try? RecordDecoder.decode($0, offset: line.offset, chain: nil) }
  }

  /// Decodes and chain-checks the last complete line before `end`.
  private func lastRecord(endingAt end: UInt64) throws -> Record {
    let pair = try lines(count: 2, endingAt: end)
    guard let last = pair.last else { throw JournalError.notAJournal(path: path, detail: "no complete record") }
    let previous = pair.count == 2 ? Array(pair[0].bytes.suffix(66).prefix(64)) : ChainHash.genesis
    let decoded: Result<Record, RecordDecoder.Failure> = last.bytes.withUnsafeBytes { raw in
      do throws(RecordDecoder.Failure) {
        return .success(try RecordDecoder.decode(raw, offset: last.offset, previous: previous))
      } catch { return .failure(error) }
    }
    switch decoded {
    case .success(let record): return record
    case .failure(.newerSchema(let found)):
      throw JournalError.newerSchema(path: path, found: found, supported: Record.currentSchema, offset: last.offset)
    case .failure(let failure):
      let kind: LineProblem.Kind
      if case .malformed(let detail) = failure { kind = .malformed(detail) } else { kind = .checksumMismatch }
      let seq = pair.count == 2 ? Self.statedSeq(of: last.bytes) ?? 0 : 1
      throw JournalError.damagedTail(
        path: path, problem: LineProblem(seq: seq, offset: last.offset, length: last.bytes.count, kind: kind))
    }
  }

  /// The `seq` a damaged line claims, when it can still be read.
  private static func statedSeq(of line: [UInt8]) -> Int? {
    (try? JSONParser.parse(line))?.objectValue?["seq"]?.intValue
  }

  /// Up to `count` complete lines (without newlines) that end exactly at `end`, oldest first.
  private func lines(count: Int, endingAt end: UInt64) throws -> [(offset: UInt64, bytes: [UInt8])] {
    var window: UInt64 = min(end, 65_536)
    while true {
      let start = end - window
      let bytes = try file.read(at: start, count: Int(window))
      var result: [(UInt64, [UInt8])] = []
      var lineEnd = bytes.count - 1  // index of the newline that ends the current line
      while result.count < count, lineEnd >= 0 {
        var lineStart = lineEnd - 1
        while lineStart >= 0, bytes[lineStart] != 0x0A { lineStart -= 1 }
        if lineStart < 0, start > 0 { break }  // line runs past the window: widen it
        result.append((start + UInt64(lineStart + 1), Array(bytes[(lineStart + 1)..<lineEnd])))
        lineEnd = lineStart
      }
      if result.count == count || start == 0 { return result.reversed() }
      guard window < end else { return result.reversed() }
      window = min(end, window * 4)
    }
  }

  private func lastNewline(before end: UInt64) throws -> UInt64? {
    var chunkEnd = end
    while chunkEnd > 0 {
      let chunkStart = chunkEnd >= 65_536 ? chunkEnd - 65_536 : 0
      let bytes = try file.read(at: chunkStart, count: Int(chunkEnd - chunkStart))
      if let index = bytes.lastIndex(of: 0x0A) { return chunkStart + UInt64(index) }
      chunkEnd = chunkStart
    }
    return nil
  }
}
