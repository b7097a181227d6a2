import Glibc
import RapportDomain
import RapportJournal

/// Where a user's checkpoints live and which program may read them.
///
/// A checkpoint is the book folded up to some record, saved so that the next open reads only the
/// records after it. It is derived data: never the source of truth, rebuilt whenever it is missing,
/// stale, damaged or from another build, and deleting it loses nothing. One file per journal, named
/// from a hash of the journal's real path (for a journal in a store, the store's name: its connection
/// string without the password), its id and the user, in `directory` (the CLI uses
/// `$XDG_CACHE_HOME/rapport/checkpoints`).
public struct CheckpointStore: Sendable {
  public let directory: String
  /// Written into every checkpoint; a checkpoint with another one is refused.
  public let programVersion: String

  /// The version of this build: the codec's format and the executable's build id.
  public static let currentProgramVersion =
    "rapport checkpoint format \(CheckpointFile.format), \(BuildIdentity.current)"

  public init(directory: String, programVersion: String = CheckpointStore.currentProgramVersion) {
    self.directory = directory
    self.programVersion = programVersion
  }

  /// The checkpoint file for `journal`, or nil when its first record cannot be read (a full replay
  /// then says what is wrong with it).
  public func path(for journal: Journal) -> String? {
    guard let id = Self.journalID(of: journal) else { return nil }
    return path(for: journal, journalID: id)
  }

  func path(for journal: Journal, journalID: String) -> String {
    let home: String
    if let store = journal.store {
      // The store's name is its connection string without the password (never an input here): another
      // server or database gets another file; the anchor check guards one reached by the same string.
      home = "store\n" + store.name
    } else {
      var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      home = realpath(journal.path, &resolved) != nil ? String(cString: resolved) : journal.path
    }
    // Each user has their own: a cache folder may be shared, and only one's own checkpoint is trusted.
    let owner = "\(geteuid())"
    let key = Checksum.xxh64(home + "\n" + journalID + "\n" + owner)
    let check = Checksum.xxh64(journalID + "\n" + home + "\n" + owner, seed: 0x5241_5050_4f52_5400)
    return directory + "/" + Checksum.hex(key) + Checksum.hex(check) + ".checkpoint"
  }

  /// The id of the journal's genesis record, read from its first line alone; nil when it cannot be read.
  static func journalID(of journal: Journal) -> String? {
    (try? journalID(reading: journal)) ?? nil
  }

  /// The id of the journal's genesis record, read from its first line alone: nil when that line is
  /// not a genesis record, thrown when the journal cannot be read.
  static func journalID(reading journal: Journal) throws(CheckpointError) -> String? {
    guard let line = try CheckpointError.reading({ try journal.firstLine() }) else { return nil }
    let record = line.withUnsafeBytes { bytes in
      try? RecordDecoder.decode(bytes, offset: 0, previous: ChainHash.genesis)
    }
    guard let record, record.seq == 1, record.type == Record.genesisType else { return nil }
    return record.id
  }
}
