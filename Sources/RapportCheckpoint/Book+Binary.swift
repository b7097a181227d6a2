import RapportDomain
import RapportJournal

// The checkpoint codec of the book itself: its accounts with every list they hold, tasks, standups,
// configuration changes, anomalies, and the index from sequence numbers to entries.

extension Account {
  func write(to writer: inout BinaryWriter) {
    writer.symbol(slug)
    writer.text(name)
    writer.int(tier)
    stage.write(to: &writer)
    writer.optionalSymbol(owner)
    writer.optionalSymbol(manager)
    writer.optionalDay(signed)
    writer.optionalDay(renewal)
    writer.bool(value != nil)
    if let value { writer.signed(value.cents) }
    created.write(to: &writer)
    writer.day(createdDay)
    writer.list(contacts) { $1.write(to: &$0) }
    // The long lists as columns, used where they lie by every reader.
    writer.column(touchpoints, .touchpoints)
    writer.column(touchFacts, .touchFacts)
    writer.column(npsResponses, .nps)
    writer.column(usage, .usage)
    writer.column(tickets, .tickets)
    writer.column(criteria, .criteria)
    writer.column(valueNotes, .valueNotes)
    writer.column(qbrs, .qbrs)
    writer.list(ownerChanges) { $1.write(to: &$0) }
    writer.list(stageChanges) { $1.write(to: &$0) }
    writer.list(valueHistory) { $1.write(to: &$0) }
    writer.list(renewals) { $1.write(to: &$0) }
    writer.list(taskIDs) { $0.count($1) }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let slug = try reader.symbol()
    let name = try reader.text()
    let tier = try reader.int()
    let stage = try Stage(reading: &reader)
    let owner = try reader.optionalSymbol()
    self.init(
      slug: slug, name: name, tier: tier, stage: stage, owner: owner, manager: try reader.optionalSymbol(),
      signed: try reader.optionalDay(), renewal: try reader.optionalDay(),
      value: try reader.bool() ? Money(cents: try reader.signed()) : nil, created: try EntryMeta(reading: &reader),
      createdDay: try reader.day())
    contacts = try reader.list { reader throws(CheckpointError) in try Contact(reading: &reader) }
    touchpoints = try reader.column(.touchpoints)
    touchFacts = try reader.column(.touchFacts)
    guard touchFacts.count == touchpoints.count else { throw .corrupt("\(slug)'s touchpoints and their facts differ") }
    npsResponses = try reader.column(.nps)
    usage = try reader.column(.usage)
    tickets = try reader.column(.tickets)
    criteria = try reader.column(.criteria)
    valueNotes = try reader.column(.valueNotes)
    qbrs = try reader.column(.qbrs)
    ownerChanges = try reader.list { reader throws(CheckpointError) in try OwnerChange(reading: &reader) }
    stageChanges = try reader.list { reader throws(CheckpointError) in try StageChange(reading: &reader) }
    valueHistory = try reader.list { reader throws(CheckpointError) in try ValueChange(reading: &reader) }
    renewals = try reader.list { reader throws(CheckpointError) in try RenewalOutcome(reading: &reader) }
    taskIDs = try reader.list { reader throws(CheckpointError) in try reader.index() }
  }
}

extension EntryRef {
  /// A tag byte, then the account position and index (or the task id, or the record type).
  func write(to writer: inout BinaryWriter) {
    switch self {
    case .contact(let account, let index): Self.pair(&writer, 1, account, index)
    case .touchpoint(let account, let index): Self.pair(&writer, 2, account, index)
    case .nps(let account, let index): Self.pair(&writer, 3, account, index)
    case .usage(let account, let index): Self.pair(&writer, 4, account, index)
    case .ticket(let account, let index): Self.pair(&writer, 5, account, index)
    case .ticketClosing(let account, let index): Self.pair(&writer, 6, account, index)
    case .criterion(let account, let index): Self.pair(&writer, 7, account, index)
    case .criterionMeeting(let account, let index): Self.pair(&writer, 8, account, index)
    case .valueNote(let account, let index): Self.pair(&writer, 9, account, index)
    case .qbr(let account, let index): Self.pair(&writer, 10, account, index)
    case .task(let id):
      writer.byte(11)
      writer.count(id)
    case .taskCompletion(let id):
      writer.byte(12)
      writer.count(id)
    case .fixed(let type):
      writer.byte(13)
      writer.symbol(type)
    }
  }

  private static func pair(_ writer: inout BinaryWriter, _ tag: UInt8, _ account: Int, _ index: Int) {
    writer.byte(tag)
    writer.count(account)
    writer.count(index)
  }

  /// Reads one entry (tag 0 is a sequence number that created nothing).
  static func read(from reader: inout BinaryReader, accounts: Int) throws(CheckpointError) -> EntryRef? {
    let tag = try reader.byte()
    switch tag {
    case 0: return nil
    case 1...10:
      let account = try reader.index()
      let index = try reader.index()
      guard account < accounts else { throw .corrupt("an entry names account \(account) of \(accounts)") }
      return pair(tag: tag, account: account, index: index)
    case 11: return .task(try reader.index())
    case 12: return .taskCompletion(try reader.index())
    case 13: return .fixed(type: try reader.symbol())
    default: throw .corrupt("unknown entry tag \(tag)")
    }
  }
}

extension Book {
  func write(to writer: inout BinaryWriter) {
    writer.optionalSymbol(journalID)
    writer.count(lastSeq)
    writer.bool(previousRecord != nil)
    if let previousRecord {
      writer.symbol(previousRecord.id.description)
      writer.count(previousRecord.seq)
    }
    let words = entries.words
    // Each account in a block of its own, so that the reader can decode them side by side; the voided
    // ones too (they keep their positions), then the voids.
    writer.list(accounts.stored) { writer, account in writer.block { account.write(to: &$0) } }
    writer.list(voids) { writer, void in
      void.meta.write(to: &writer)
      writer.symbol(void.slug)
      writer.count(void.position)
      writer.text(void.reason)
      writer.day(void.day)
    }
    // Tasks in id order, as columns.
    let taskColumns = tasks.columns
    writer.column(taskColumns.items, .tasks)
    writer.column(taskColumns.ids, .taskIDs)
    writer.column(taskColumns.isOpen, .taskOpen)
    writer.list(standups) { $1.write(to: &$0) }
    writer.list(openStandups) { $1.write(to: &$0) }
    writer.list(configChanges) { $1.write(to: &$0) }
    writer.list(anomalies) { writer, anomaly in
      writer.count(anomaly.seq)
      writer.text(anomaly.message)
    }
    writer.list(unknownEvents) { writer, event in
      event.meta.write(to: &writer)
      writer.symbol(event.type)
      writer.optionalSymbol(event.account)
      writer.day(event.day)
    }
    members.write(to: &writer)
    writer.list(reservedSlugs.sorted()) { $0.symbol($1) }
    writer.list(identityViolations) { writer, violation in
      writer.count(violation.seq)
      writer.fixed64(violation.offset)
      writer.symbol(violation.type)
      writer.text(violation.message)
    }
    // The index from sequence numbers to entries as its packed words, a column.
    writer.list(words.overflow.sorted { $0.key < $1.key }) {
      (writer: inout BinaryWriter, item: (key: Int, value: EntryRef)) in
      writer.count(item.key)
      item.value.write(to: &writer)
    }
    writer.column(words.packed, .entries)
    // Last, what the columns' values refer to (only known once they are all written).
    writer.symbols(writer.references.userNames)
    writer.list(writer.references.rareParts) { $1.write(to: &$0) }
  }

  /// Reads a book written by `write(to:)`; only whole (uncut) books are ever written. Its long lists
  /// are `region`'s, in the columns `reader` uses.
  init(reading reader: inout BinaryReader, region: MappedRegion) throws(CheckpointError) {
    self.init()
    journalID = try reader.optionalSymbol()
    lastSeq = try reader.index()
    if try reader.bool() { previousRecord = (EventID(try reader.symbol()), try reader.index()) }
    let blocks = try reader.list { reader throws(CheckpointError) in try reader.block() }
    voids = try reader.list { reader throws(CheckpointError) in
      AccountVoid(
        meta: try EntryMeta(reading: &reader), slug: try reader.symbol(), position: try reader.index(),
        reason: try reader.text(), day: try reader.day())
    }
    var voidedAt: [Int: String] = [:]
    for void in voids {
      guard void.position < blocks.count, voidedAt.updateValue(void.slug, forKey: void.position) == nil else {
        throw .corrupt("a void names account \(void.position) of \(blocks.count)")
      }
    }
    // Accounts on every core: each block has its own reader, and the symbols they share are read-only.
    let decoded = ParallelMap.map(blocks) { block in
      BinaryReader.decodeWhole(block, "an account") { reader throws(CheckpointError) in try Account(reading: &reader) }
    }
    accounts.reserveCapacity(decoded.count)
    for result in decoded {
      let account = try result.get()
      guard accounts.position(of: account.slug) == nil else { throw .corrupt("account \(account.slug) appears twice") }
      let position = accounts.insert(account)
      if let slug = voidedAt[position] {
        guard slug == account.slug else { throw .corrupt("the void of \(slug) names account \(account.slug)") }
        accounts.void(at: position)
      }
    }
    let table = TaskTable(
      items: try reader.column(.tasks), ids: try reader.column(.taskIDs), isOpen: try reader.column(.taskOpen))
    standups = try reader.list { reader throws(CheckpointError) in try Standup(reading: &reader) }
    openStandups = try reader.list { reader throws(CheckpointError) in try OpenStandup(reading: &reader) }
    configChanges = try reader.list { reader throws(CheckpointError) in try ConfigChange(reading: &reader) }
    anomalies = try reader.list { reader throws(CheckpointError) in
      Anomaly(seq: try reader.index(), message: try reader.text())
    }
    unknownEvents = try reader.list { reader throws(CheckpointError) in
      UnknownEvent(
        meta: try EntryMeta(reading: &reader), type: try reader.symbol(), account: try reader.optionalSymbol(),
        day: try reader.day())
    }
    members = try Members(reading: &reader)
    reservedSlugs = Set(try reader.list { reader throws(CheckpointError) in try reader.symbol() })
    identityViolations = try reader.list { reader throws(CheckpointError) in
      IdentityViolation(
        seq: try reader.index(), offset: try reader.fixed64(), type: try reader.symbol(), message: try reader.text())
    }
    let accountTotal = accounts.storedCount
    var overflow: [Int: EntryRef] = [:]
    for _ in 0..<(try reader.count()) {
      let seq = try reader.index()
      guard let entry = try EntryRef.read(from: &reader, accounts: accountTotal) else {
        throw .corrupt("an empty entry is kept aside")
      }
      overflow[seq] = entry
    }
    let index = EntryTable(packed: try reader.column(.entries), overflow: overflow)
    let users = try reader.symbols().map(UserNames.number(of:))
    let rareParts = try reader.list { reader throws(CheckpointError) in try RareParts.Value(reading: &reader) }
    // Before any list of the region is read.
    region.relocation = Relocation(users: users, textChunk: reader.texts.chunk, rareBase: RareParts.adopt(rareParts))
    guard table.isOrdered else { throw .corrupt("tasks out of order") }
    tasks = table
    if let seq = index.firstInvalidWord(accounts: accountTotal) {
      throw .corrupt("the entry of record \(seq) is not valid")
    }
    entries = index
  }
}

extension LineProblem {
  func write(to writer: inout BinaryWriter) {
    writer.count(seq)
    writer.fixed64(offset)
    writer.count(length)
    switch kind {
    case .malformed(let detail):
      writer.byte(0)
      writer.text(detail)
    case .checksumMismatch: writer.byte(1)
    case .sequence(let expected, let found):
      writer.byte(2)
      writer.int(expected)
      writer.int(found)
    case .notGenesis: writer.byte(3)
    case .incompleteBatch: writer.byte(4)
    case .torn: writer.byte(5)
    case .missing(let through):
      writer.byte(6)
      writer.int(through)
    case .rewritten: writer.byte(7)
    case .changeNotAccepted(let noticed):
      writer.byte(8)
      writer.text(noticed)
    case .writerNotAllowed(let why):
      writer.byte(9)
      writer.text(why)
    }
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let seq = try reader.index()
    let offset = try reader.fixed64()
    let length = try reader.index()
    let kind: Kind
    switch try reader.byte() {
    case 0: kind = .malformed(try reader.text())
    case 1: kind = .checksumMismatch
    case 2: kind = .sequence(expected: try reader.int(), found: try reader.int())
    case 3: kind = .notGenesis
    case 4: kind = .incompleteBatch
    case 5: kind = .torn
    case 6: kind = .missing(through: try reader.int())
    case 7: kind = .rewritten
    case 8: kind = .changeNotAccepted(try reader.text())
    case 9: kind = .writerNotAllowed(try reader.text())
    case let tag: throw .corrupt("unknown problem kind \(tag)")
    }
    self.init(seq: seq, offset: offset, length: length, kind: kind)
  }
}

extension RareParts.Value {
  func write(to writer: inout BinaryWriter) {
    writer.optionalInt(seq)
    writer.bool(retraction != nil)
    if let retraction {
      writer.count(retraction.seq)
      writer.optionalText(retraction.reason)
      writer.symbol(retraction.by)
    }
    writer.ints(amendments)
  }

  init(reading reader: inout BinaryReader) throws(CheckpointError) {
    let seq = try reader.optionalInt()
    let retraction =
      try reader.bool()
      ? Retraction(seq: try reader.index(), reason: try reader.optionalText(), by: try reader.symbol()) : nil
    self.init(seq: seq, retraction: retraction, amendments: try reader.ints())
  }
}
