import Glibc
import RapportDomain
import RapportJournal

/// The checkpoint's bytes: a header, then the payload in five parts: the symbol table, the block of
/// free texts, the book with each account in a length-prefixed block and the invalid lines met on the
/// way, zeros up to a multiple of 16 bytes from the file's start, and the columns (`CheckpointColumns`):
/// the book's long lists as their values' bytes.
///
/// A reader maps the file and keeps it mapped: the texts and the columns are used where they lie, so
/// every process reading the same checkpoint shares one copy of them in the page cache, and only the
/// accounts' short parts are decoded into its own memory.
///
/// Header: the magic `RPCKPT\r\n`, the format number, the program version, the time zone fingerprint,
/// the journal id, the last sequence number folded, the byte offset just after that record's line,
/// the offset where the line starts, the chain hash there, a hash of that line's bytes, whether the
/// line is a sound record, the payload's length and its first two parts' lengths, and an XXH64
/// checksum: of the header, then of each part in turn, each seeded with the one before (so that the
/// parts are written as they are, never joined in memory).
///
/// Opening checks, cheapest first: magic, format, version, zone, journal id, the journal's length, the
/// line at the checkpoint's position re-read (same bytes, and a record with that seq and hash), then
/// the checksum, then the payload decodes (every column it refers to lying inside the file). The tail after the position is then read by the journal
/// scanner, which checks the first record's previous hash against the stored chain hash.
enum CheckpointFile {
  static let magic: [UInt8] = Array("RPCKPT\r\n".utf8)
  /// The free texts are checksummed in slices of this many bytes (the last one shorter), so that the
  /// writer can gather them from where they lie without holding them whole.
  static let textSlice = 1 << 20

  /// Bumped whenever the codec changes.
  static let format: UInt64 = 11

  struct Header {
    var programVersion: String
    var zone: UInt64
    var journalID: String
    var position: JournalPosition
    var lineStart: UInt64
    var lineHash: UInt64
    var lineIsRecord: Bool
    var payloadLength: UInt64
    var symbolsLength: UInt64
    var textsLength: UInt64
    var bookLength: UInt64

    func write(to writer: inout BinaryWriter) {
      writer.text(programVersion)
      writer.fixed64(zone)
      writer.text(journalID)
      writer.count(position.lastSeq)
      writer.fixed64(position.offset)
      writer.fixed64(lineStart)
      position.chain.bytes.withUnsafeBytes { writer.raw($0) }
      writer.fixed64(lineHash)
      writer.bool(lineIsRecord)
      writer.fixed64(payloadLength)
      writer.fixed64(symbolsLength)
      writer.fixed64(textsLength)
      writer.fixed64(bookLength)
    }
  }

  /// The checksum of the header's bytes and the payload's parts, in order.
  static func checksum(header: UnsafeRawBufferPointer, parts: [UnsafeRawBufferPointer]) -> UInt64 {
    parts.reduce(Checksum.xxh64(header)) { seed, part in Checksum.xxh64(part, seed: seed) }
  }

  /// What a checkpoint holds.
  struct Contents {
    var book: Book
    var position: JournalPosition
    var problems: [LineProblem]
    /// The checksum the header states, and whether it was read and found right (not vouched for by a
    /// `CheckpointSeal`).
    var checksum: UInt64 = 0
    var checksumRead = false
  }

  // MARK: Reading

  /// Loads the checkpoint of `journal` from `store`, or says why it cannot serve.
  static func load(_ journal: Journal, from store: CheckpointStore) throws(CheckpointError) -> Contents {
    guard let journalID = try CheckpointStore.journalID(reading: journal) else { throw .missing }
    let path = store.path(for: journal, journalID: journalID)
    // Only this user's own regular file is trusted: in a shared cache folder anyone could plant one.
    let file = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard file >= 0 else {
      if errno == ENOENT { throw .missing }
      if errno == ELOOP { throw .untrusted("a symbolic link") }
      throw .system(path: path, operation: "opening", code: errno)
    }
    defer { close(file) }
    var info = stat()
    guard fstat(file, &info) == 0 else { throw .system(path: path, operation: "inspecting", code: errno) }
    guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
      throw .untrusted(info.st_mode & S_IFMT == S_IFREG ? "owned by uid \(info.st_uid)" : "not a regular file")
    }
    let size = Int(info.st_size)
    guard size >= magic.count + 8 else { throw .corrupt("\(size) bytes") }
    // Shared and read-only: the page cache's copy serves every process that maps the file. Never
    // unmapped once the book is read from it (its lists and texts point into it). Not populated: once
    // a seal spares the checksum, a dashboard's start touches the lists it scores, not the texts.
    guard let mapped = mmap(nil, size, PROT_READ, MAP_SHARED, file, 0), mapped != MAP_FAILED else {
      throw .system(path: path, operation: "mapping", code: errno)
    }
    let seal = CheckpointSeal.read(for: path)
    do {
      let contents = try decode(
        UnsafeRawBufferPointer(start: mapped, count: size), journal: journal, journalID: journalID, store: store,
        vouchedChecksum: seal.flatMap { $0.vouches(for: info) ? $0.checksum : nil })
      if contents.checksumRead { CheckpointSeal(of: info, checksum: contents.checksum).write(for: path) }
      return contents
    } catch {
      // Nothing refers into it: a book that failed to decode is dropped whole.
      munmap(mapped, size)
      throw error
    }
  }

  /// Decodes the checkpoint in `bytes` (which must start at an address aligned to 16 bytes and stay
  /// there for the process's life: the book's long lists and texts are used where they lie). The
  /// checksum is read unless `vouchedChecksum` (a `CheckpointSeal`'s) is the one the header states.
  static func decode(
    _ bytes: UnsafeRawBufferPointer, journal: Journal, journalID: String, store: CheckpointStore,
    vouchedChecksum: UInt64? = nil
  ) throws(CheckpointError) -> Contents {
    var reader = BinaryReader(bytes)
    guard (try? reader.raw(magic.count)).map({ $0.elementsEqual(magic) }) == true else { throw .notACheckpoint }
    let format = try reader.unsigned()
    guard format == Self.format else { throw .otherVersion("checkpoint format \(format)") }
    let version = try reader.text()
    guard version == store.programVersion else { throw .otherVersion(version) }
    guard try reader.fixed64() == ZoneFingerprint.current() else { throw .otherTimeZone }
    guard try reader.text() == journalID else { throw .otherJournal }
    let lastSeq = try reader.index()
    let offset = try reader.fixed64()
    let lineStart = try reader.fixed64()
    guard let chain = HashHex(String(decoding: try reader.raw(64), as: UTF8.self)) else {
      throw .corrupt("the chain hash is not 64 hex digits")
    }
    let lineHash = try reader.fixed64()
    let lineIsRecord = try reader.bool()
    let payloadLength = try reader.fixed64()
    let symbolsLength = try reader.fixed64()
    let textsLength = try reader.fixed64()
    let bookLength = try reader.fixed64()
    let headerEnd = reader.offset
    let checksum = try reader.fixed64()
    let position = JournalPosition(offset: offset, lastSeq: lastSeq, chain: chain)

    // The journal must still hold the very line the checkpoint was folded to.
    let length = try CheckpointError.reading { try journal.length }
    guard length >= offset else { throw .journalShorter(journal: length, checkpoint: offset) }
    guard lineStart < offset, offset - lineStart <= UInt64(Journal.maximumRecordBytes) + 1 else {
      throw .corrupt("the anchor line is out of range")
    }
    try checkAnchor(journal, lineStart: lineStart, position: position, hash: lineHash, isRecord: lineIsRecord)

    guard payloadLength == UInt64(reader.remaining), symbolsLength <= payloadLength,
      textsLength <= payloadLength - symbolsLength, bookLength <= payloadLength - symbolsLength - textsLength
    else {
      throw .corrupt("payload of \(reader.remaining) bytes, header says \(payloadLength)")
    }
    let payloadStart = headerEnd + 8
    let textsStart = payloadStart + Int(symbolsLength)
    let bookStart = textsStart + Int(textsLength)
    let bookEnd = bookStart + Int(bookLength)
    let columnsStart = CheckpointColumns.aligned(bookEnd)
    guard columnsStart <= bytes.count else { throw .corrupt("the columns lie outside the checkpoint") }
    guard let region = MappedRegion.make() else { throw .corrupt("this process has opened too many checkpoints") }
    let columns = try MappedColumns(part: UnsafeRawBufferPointer(rebasing: bytes[columnsStart...]), region: region)
    let parts =
      [UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<textsStart])]
      + stride(from: textsStart, to: bookStart, by: textSlice).map {
        UnsafeRawBufferPointer(rebasing: bytes[$0..<min(bookStart, $0 + textSlice)])
      } + [
        UnsafeRawBufferPointer(rebasing: bytes[bookStart..<bookEnd]),
        UnsafeRawBufferPointer(rebasing: bytes[bookEnd..<columnsStart]),
      ]
    let checksumRead = vouchedChecksum != checksum
    guard
      !checksumRead
        || Self.checksum(header: UnsafeRawBufferPointer(rebasing: bytes[0..<headerEnd]), parts: parts + columns.pieces)
          == checksum
    else { throw .corrupt("checksum mismatch") }

    var body = BinaryReader(UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<bookEnd]))
    try body.readSymbolTable()
    body.use(columns)
    let book = try Book(reading: &body, region: region)
    let problems = try body.list { reader throws(CheckpointError) in try LineProblem(reading: &reader) }
    guard body.remaining == 0 else { throw .corrupt("\(body.remaining) bytes after the payload") }
    guard book.journalID == journalID, book.lastSeq <= lastSeq else { throw .corrupt("the book does not match") }
    return Contents(
      book: book, position: position, problems: problems, checksum: checksum, checksumRead: checksumRead)
  }

  /// Re-reads the line just before the checkpoint's position: the same bytes as when it was built,
  /// and (when it was a sound record then) a record with the checkpoint's sequence number and hash.
  private static func checkAnchor(
    _ journal: Journal, lineStart: UInt64, position: JournalPosition, hash: UInt64, isRecord: Bool
  ) throws(CheckpointError) {
    let line = try CheckpointError.reading { try journal.line(endingAt: position.offset) }
    guard let line, UInt64(line.count) == position.offset - lineStart, Checksum.xxh64(line) == hash else {
      throw .anchorChanged(seq: position.lastSeq)
    }
    guard isRecord else { return }
    let record = line.withUnsafeBytes { bytes in
      try? RecordDecoder.decode(
        UnsafeRawBufferPointer(rebasing: bytes[0..<(line.count - 1)]), offset: lineStart, previous: nil)
    }
    guard let record, record.seq == position.lastSeq, record.hash == position.headHash else {
      throw .anchorChanged(seq: position.lastSeq)
    }
  }

  // MARK: Writing

  /// A checkpoint ready to write: its header (without the checksum, which follows it), the parts that
  /// follow (symbol table, free texts, book, padding), and what the columns are made from as they are
  /// written.
  struct Encoded {
    var header: [UInt8]
    var symbols: [UInt8]
    /// The free texts, as they lie in `TextStore`.
    var texts: (chunks: [UnsafeRawBufferPointer], length: Int)
    /// The book, then the zeros that align the columns.
    var parts: [[UInt8]]
    var columns: CheckpointColumns.Layout
    var book: Book
    var references: PortableReferences

    /// The file's length.
    var length: Int {
      header.count + 8 + symbols.count + texts.length + parts.reduce(0) { $0 + $1.count } + columns.length
    }
  }

  /// The checkpoint of `contents`, anchored to `anchor` (the journal's line at `contents.position`).
  static func encode(_ contents: Contents, anchor: CheckpointAnchor, programVersion: String) throws(CheckpointError)
    -> Encoded
  {
    guard contents.book.cutoff == nil, let journalID = contents.book.journalID, contents.position.offset > 0,
      anchor.position == contents.position
    else {
      throw .notSavable
    }
    let (lineStart, line) = (anchor.start, anchor.line)
    let record = line.withUnsafeBytes { bytes in
      try? RecordDecoder.decode(
        UnsafeRawBufferPointer(rebasing: bytes[0..<(line.count - 1)]), offset: lineStart, previous: nil)
    }
    let isRecord =
      record.map { $0.seq == contents.position.lastSeq && $0.chainHash == contents.position.chain } ?? false

    var body = BinaryWriter(capacity: 1 << 20)
    contents.book.write(to: &body)
    body.list(contents.problems) { $1.write(to: &$0) }
    // The symbol table and the texts go first, whole, so that the reader has them before any account.
    var symbols = BinaryWriter(capacity: 1 << 16)
    body.writeSymbolTable(to: &symbols)
    let texts = body.textBlock
    let columns = body.columns.layout

    func header(padding: Int) -> BinaryWriter {
      var header = BinaryWriter(capacity: 512)
      header.raw(magic.withUnsafeBytes { $0 })
      header.unsigned(format)
      Header(
        programVersion: programVersion, zone: ZoneFingerprint.current(), journalID: journalID,
        position: contents.position, lineStart: lineStart, lineHash: Checksum.xxh64(line), lineIsRecord: isRecord,
        payloadLength: UInt64(symbols.bytes.count + texts.length + body.bytes.count + padding + columns.length),
        symbolsLength: UInt64(symbols.bytes.count), textsLength: UInt64(texts.length),
        bookLength: UInt64(body.bytes.count)
      ).write(to: &header)
      return header
    }
    // The columns start at a multiple of 16 bytes in the file; the padding's length only changes the
    // payload's, a fixed-width word, so the header keeps its length when it is made again with it.
    let bookEnd = header(padding: 0).bytes.count + 8 + symbols.bytes.count + texts.length + body.bytes.count
    let padding = [UInt8](repeating: 0, count: CheckpointColumns.aligned(bookEnd) - bookEnd)
    return Encoded(
      header: header(padding: padding.count).bytes, symbols: symbols.bytes, texts: texts,
      parts: [body.bytes, padding],
      columns: columns, book: contents.book, references: body.references)
  }

  /// Writes `encoded` to `path` atomically: a temporary file in the same folder (0600), the columns
  /// made and written one at a time, the checksum written last into its place after the header,
  /// fsync, rename, fsync of the folder. Returns false without writing when another process is
  /// writing a checkpoint in this folder at this moment (its result serves just as well).
  static func write(_ encoded: Encoded, to path: String) throws(CheckpointError) -> Bool {
    let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    makeDirectories(directory)
    let lockPath = directory + "/.lock"
    let lock: FileDescriptor
    do {
      lock = try SafeFile.openOrCreate(lockPath, O_RDONLY).file
    } catch {
      throw .refused(error.description)
    }
    defer { lock.close() }
    guard flock(lock.raw, LOCK_EX | LOCK_NB) == 0 else {
      if errno == EWOULDBLOCK { return false }
      throw .system(path: lockPath, operation: "locking", code: errno)
    }
    do {
      try SafeFile.replace(path) { file throws(JournalError) in try writeContents(of: encoded, to: file) }
    } catch .system(let failed, let operation, let code) {
      throw .system(path: failed.isEmpty ? path : failed, operation: operation, code: code)
    } catch {
      throw .refused(error.description)
    }
    return true
  }

  private static func writeContents(of encoded: Encoded, to file: FileDescriptor) throws(JournalError) {
    func put(_ bytes: [UInt8]) throws(JournalError) {
      if let code = file.writeAll(bytes).error { throw .system(path: "", operation: "writing", code: code) }
    }
    var seed = Checksum.xxh64(encoded.header)
    try put(encoded.header)
    try put([UInt8](repeating: 0, count: 8))
    seed = Checksum.xxh64(encoded.symbols, seed: seed)
    try put(encoded.symbols)
    // The texts from where they lie, gathered into the slices the checksum reads.
    var slice: [UInt8] = []
    slice.reserveCapacity(textSlice)
    for chunk in encoded.texts.chunks {
      var rest = chunk[...]
      while !rest.isEmpty {
        let taken = rest.prefix(textSlice - slice.count)
        slice.append(contentsOf: taken)
        rest = rest.dropFirst(taken.count)
        if slice.count == textSlice {
          seed = Checksum.xxh64(slice, seed: seed)
          try put(slice)
          slice.removeAll(keepingCapacity: true)
        }
      }
    }
    if !slice.isEmpty {
      seed = Checksum.xxh64(slice, seed: seed)
      try put(slice)
    }
    for part in encoded.parts {
      seed = Checksum.xxh64(part, seed: seed)
      try put(part)
    }
    let directory = encoded.columns.directory
    seed = Checksum.xxh64(directory, seed: seed)
    try put(directory)
    // The references were all made portable as the book was written: these find them again.
    var references = encoded.references
    for kind in ColumnKind.allCases {
      let column = CheckpointColumns.column(
        kind, of: encoded.book, layout: encoded.columns, references: &references)
      seed = Checksum.xxh64(column, seed: seed)
      try put(column)
    }
    let checksum = withUnsafeBytes(of: seed.littleEndian) { Array($0) }
    let wrote = checksum.withUnsafeBytes { pwrite(file.raw, $0.baseAddress, 8, off_t(encoded.header.count)) }
    guard wrote == 8 else { throw .system(path: "", operation: "writing", code: wrote < 0 ? errno : ENOSPC) }
  }
}
