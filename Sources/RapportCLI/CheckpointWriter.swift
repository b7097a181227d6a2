import Dispatch
import RapportCheckpoint
import RapportDomain

/// Writes checkpoints off the command's path: on a background thread, so a command prints (and the
/// dashboard shows its first frame) while the checkpoint is encoded and flushed; `wait()` before exit.
/// A failure to write is only a lost optimisation: it is said on stderr, never fatal.
final class CheckpointWriter: @unchecked Sendable {
  private let group = DispatchGroup()

  /// The smallest full replay worth a checkpoint (RAPPORT_CHECKPOINT_MIN_RECORDS, default 10,000):
  /// below it a replay takes a few milliseconds.
  static let minimumRecords: Int = Environment.value("RAPPORT_CHECKPOINT_MIN_RECORDS").flatMap { Int($0) } ?? 10_000

  /// RAPPORT_CHECKPOINT_DEBUG=1 says on stderr how each open went and what was written (for tests).
  static let isDebugging: Bool = Environment.value("RAPPORT_CHECKPOINT_DEBUG").map { !$0.isEmpty && $0 != "0" } ?? false

  func save(_ desk: Desk, to store: CheckpointStore) {
    // The journal is read here, on the caller's thread: a PostgreSQL journal's connection is the
    // caller's, and serves one thread at a time.
    let anchor = Result { () throws(CheckpointError) in try desk.checkpointAnchor() }
    group.enter()
    DispatchQueue.global(qos: .utility).async { [group] in
      defer { group.leave() }
      do {
        let saved = try desk.saveCheckpoint(to: store, anchor: anchor.get())
        if Self.isDebugging {
          Output.note(
            saved.map { "checkpoint: written at seq \($0.seq), \($0.bytes) bytes" }
              ?? "checkpoint: another process is writing one")
        }
      } catch {
        Output.warning("could not write a checkpoint in \(store.directory): \(error)")
      }
    }
  }

  func wait() { group.wait() }

  static func debug(describing opening: DeskOpening) {
    guard isDebugging else { return }
    switch opening {
    case .checkpoint(let seq, let records, _):
      Output.note("checkpoint: used at seq \(seq), \(counted(records, "record")) after it")
    case .replay(let reason, let records):
      Output.note(
        "checkpoint: rebuilt (\(reason.map(String.init(describing:)) ?? "none asked for")), \(counted(records, "record"))"
      )
    }
  }
}
