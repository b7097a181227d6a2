import RapportDomain

/// What closes a digest's item: the command to type and the dashboard's keys for the same, as the due
/// screen, `rapport why` and docs/keys.md name them. Account ids and play codes are plain ASCII words
/// (validated slugs), so the commands are safe to paste into a shell.
struct DigestAction: Equatable {
  /// What the command does, a verb for the reader: "close it", "see why", "record it", "assign one".
  var verb: String
  var command: String
  /// The dashboard's way to the same, in words with its keys; nil where only the command line does it
  /// (a renewal's outcome).
  var keys: String?

  init(verb: String, command: String, keys: String?) {
    self.verb = verb
    self.command = command
    self.keys = keys
  }

  init(_ item: Digest.Item) {
    let slug = item.slug
    switch item.kind {
    case .play(let play): self = Self.closing(play)
    case .health:
      self.init(verb: "see why", command: "rapport why \(slug)", keys: "b, then Enter on the account")
    case .renewal:
      self.init(
        verb: "record its outcome", command: "rapport renewal \(slug) renewed|expanded|downsized|churned",
        keys: nil)
    case .unowned:
      self.init(verb: "assign one", command: "rapport owner \(slug) USER", keys: "o on the account")
    }
  }

  /// The entry that closes a play, as `PlayClosing` says, and the due screen's key that offers it.
  private static func closing(_ play: Play) -> DigestAction {
    let slug = play.account
    let dueKeys = "d, then Enter on the play"
    switch PlayClosing(play.code) {
    case .touchpoint(let kind):
      return DigestAction(
        verb: "close it",
        command: "rapport touch \(slug) --kind \(kind.rawValue) --closes \(play.code.rawValue) --summary \"...\"",
        keys: dueKeys)
    case .valueNote:
      return DigestAction(verb: "close it", command: "rapport value \(slug) \"...\"", keys: dueKeys)
    case .criterion:
      return DigestAction(
        verb: "close it", command: "rapport criterion add \(slug) \"...\" --target DATE", keys: dueKeys)
    case .completeTask:
      return DigestAction(
        verb: "close it", command: play.taskID.map { "rapport task done \($0)" } ?? "rapport due --owner USER",
        keys: dueKeys)
    case .renewalOutcome:
      return DigestAction(
        verb: "close it", command: "rapport renewal \(slug) renewed|expanded|downsized|churned", keys: nil)
    case .npsResponse:
      return DigestAction(verb: "close it", command: "rapport nps \(slug) SCORE --contact NAME", keys: dueKeys)
    }
  }
}
