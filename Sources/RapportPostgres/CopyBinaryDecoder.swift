/// Reads `COPY … TO STDOUT (FORMAT binary)` output, fed in chunks of any size, back into rows: each
/// field exactly as the server sent it (a `text` column's UTF-8 bytes, no escaping to undo).
///
/// The format: an 11-byte signature, a flags word and a header extension; then per row a 16-bit
/// field count and per field a 32-bit length (-1 for NULL) and its bytes; a field count of -1 ends it.
public struct CopyBinaryDecoder {
  static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

  private var pending: [UInt8] = []
  private var headerRead = false
  public private(set) var finished = false

  public init() {}

  /// Decodes the rows `chunk` completes and hands each to `row` (its fields, nil for NULL).
  public mutating func feed(_ chunk: [UInt8], row: ([ArraySlice<UInt8>?]) throws -> Void) throws {
    if pending.isEmpty {
      pending = chunk
    } else {
      pending.append(contentsOf: chunk)
    }
    var index = 0
    defer { pending.removeFirst(index) }
    if !headerRead {
      guard pending.count >= 19 else { return }
      guard Array(pending[0..<11]) == Self.signature else { throw CopyFormatError.notBinaryCopy }
      let extensionLength = Int(Self.int32(pending, at: 15))
      guard pending.count >= 19 + extensionLength else { return }
      index = 19 + extensionLength
      headerRead = true
    }
    while !finished, pending.count - index >= 2 {
      let fieldCount = Int(Int16(bitPattern: UInt16(pending[index]) << 8 | UInt16(pending[index + 1])))
      if fieldCount == -1 {
        finished = true
        index += 2
        break
      }
      guard fieldCount >= 0 else { throw CopyFormatError.damaged }
      var cursor = index + 2
      var fields: [ArraySlice<UInt8>?] = []
      fields.reserveCapacity(fieldCount)
      var complete = true
      for _ in 0..<fieldCount {
        guard pending.count - cursor >= 4 else {
          complete = false
          break
        }
        let length = Int(Self.int32(pending, at: cursor))
        cursor += 4
        if length == -1 {
          fields.append(nil)
          continue
        }
        guard length >= 0 else { throw CopyFormatError.damaged }
        guard pending.count - cursor >= length else {
          complete = false
          break
        }
        fields.append(pending[cursor..<(cursor + length)])
        cursor += length
      }
      guard complete else { break }
      try row(fields)
      index = cursor
    }
  }

  private static func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
    Int32(
      bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
        | UInt32(bytes[offset + 3]))
  }
}

/// Bytes that are not what a binary `COPY` sends.
public enum CopyFormatError: Error, Equatable, CustomStringConvertible {
  case notBinaryCopy
  case damaged

  public var description: String {
    switch self {
    case .notBinaryCopy: "the server's COPY output is not in binary format"
    case .damaged: "the server's binary COPY output is damaged"
    }
  }
}
