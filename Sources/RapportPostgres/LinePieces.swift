import Dispatch

/// Lines streamed by a `COPY … TO STDOUT (FORMAT binary)` on one thread, handed as pieces of about
/// `pieceBytes` (whole lines, each with its newline: the bytes a file journal holds) to a reader on
/// another, so that receiving and decoding overlap: the reader scans one piece while the next
/// arrives. At most two pieces wait, so memory stays at a few pieces whatever the journal's size.
///
/// The connection is used by the receiving thread alone until `run` returns (libpq's rule).
final class LinePieces: @unchecked Sendable {
  private let room = DispatchSemaphore(value: 2)
  private let ready = DispatchSemaphore(value: 0)
  private let lock = DispatchSemaphore(value: 1)
  private var queue: [[UInt8]] = []
  private var finished = false
  private var failure: (any Error)?
  private var cancelled = false

  /// Receives `sql`'s rows on a background thread and calls `take` with each piece on this one;
  /// rethrows the first error of either side (after the other side has stopped).
  static func run(
    _ sql: String, on connection: PostgresConnection, pieceBytes: Int = 8 << 20, take: ([UInt8]) throws -> Void
  ) throws {
    let pieces = LinePieces()
    let done = DispatchSemaphore(value: 0)
    let handed = HandedConnection(connection: connection)
    DispatchQueue.global(qos: .userInitiated).async {
      defer { done.signal() }
      pieces.receive(sql, on: handed.connection, pieceBytes: pieceBytes)
    }
    defer { done.wait() }
    do {
      while let piece = try pieces.next() { try take(piece) }
    } catch {
      pieces.cancel()
      throw error
    }
  }

  private func receive(_ sql: String, on connection: PostgresConnection, pieceBytes: Int) {
    var decoder = CopyBinaryDecoder()
    var piece: [UInt8] = []
    piece.reserveCapacity(pieceBytes + (1 << 16))
    do {
      try connection.copyOut(sql) { chunk in
        try decoder.feed(chunk) { fields in
          guard fields.count == 1, let line = fields[0] else { throw CopyFormatError.damaged }
          piece.append(contentsOf: line)
          piece.append(0x0A)
        }
        if piece.count >= pieceBytes {
          try put(piece)
          piece.removeAll(keepingCapacity: true)
        }
      }
      if !piece.isEmpty { try put(piece) }
      end(nil)
    } catch {
      end(error)
    }
  }

  /// Queues a piece, waiting while two wait; throws once the reader has gone (so the COPY drains).
  private func put(_ piece: [UInt8]) throws {
    room.wait()
    lock.wait()
    defer { lock.signal() }
    if cancelled { throw CancellationError() }
    queue.append(piece)
    ready.signal()
  }

  private func end(_ error: (any Error)?) {
    lock.wait()
    finished = true
    failure = error
    lock.signal()
    ready.signal()
  }

  /// The next piece; nil at the end; throws the receiver's error.
  private func next() throws -> [UInt8]? {
    ready.wait()
    lock.wait()
    defer { lock.signal() }
    if !queue.isEmpty {
      room.signal()
      return queue.removeFirst()
    }
    if let failure { throw failure }
    return nil
  }

  /// The reader stops: the receiver's next piece throws, and it is let through if it waits.
  private func cancel() {
    lock.wait()
    cancelled = true
    lock.signal()
    room.signal()
  }

  private struct CancellationError: Error {}

  /// The connection, handed to the receiving thread: this thread does not touch it until that one
  /// has finished (`run` waits for it), so it is never used by two threads at once.
  private struct HandedConnection: @unchecked Sendable {
    let connection: PostgresConnection
  }
}
