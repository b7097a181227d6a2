import RapportJournal

/// Who may write to a journal, folded from its `member.added` records, and the rules that follow.
///
/// A journal with no member records is one person's book: anyone who can write the file writes under
/// any name, as before. Its creator (the `journal.created` record's writer) is its first admin, and
/// only they can add the first member; from then on every write is checked (`refusal`).
public struct Members: Sendable, Equatable {
  /// The journal's creator, its first admin.
  public package(set) var creator: Member?
  /// Members added by `member.added` records, in the order they were first added.
  public package(set) var listed: [Member] = []

  public init() {}

  /// Whether writes are checked: once a member has been added.
  public var isEnforced: Bool { !listed.isEmpty }

  /// Everyone who may act: the creator (unless listed again) and the listed members.
  public var all: [Member] {
    guard let creator, !listed.contains(where: { $0.name == creator.name }) else { return listed }
    return [creator] + listed
  }

  public subscript(name: String) -> Member? {
    listed.first { $0.name == name } ?? (creator?.name == name ? creator : nil)
  }

  mutating func setCreator(name: String, login: String?) {
    creator = Member(name: name, logins: login.map { [$0] } ?? [], role: .admin)
  }

  /// Adds `member`, or replaces the entry of the same name (a changed role or list of logins).
  mutating func add(_ member: Member) {
    if let index = listed.firstIndex(where: { $0.name == member.name }) {
      listed[index] = member
    } else {
      listed.append(member)
    }
  }

  /// Why `user`, writing from OS account `login`, may not append a record of `type`; nil when they
  /// may. `accountOwner` is the current owner of the account the record concerns, if any.
  public func refusal(toWrite type: String, accountOwner: String?, by user: String, login: String?) -> DomainError? {
    let addsMember = type == EventType.memberAdded.rawValue
    guard isEnforced || addsMember else { return nil }
    // Before the first member, only the creator may add one.
    let roster = isEnforced ? self : Members(creatorOnly: creator)
    guard let member = roster[user] else { return .notAMember(user) }
    guard member.allows(login: login) else { return .loginNotAllowed(user: user, login: login ?? "(none)") }
    if member.role == .viewer { return .viewerCannotWrite(user) }
    guard member.role != .admin else { return nil }
    switch type {
    case EventType.memberAdded.rawValue: return .adminOnly(user: user, action: "add or change members")
    case EventType.configSet.rawValue: return .adminOnly(user: user, action: "change the rules' config")
    case EventType.ownerAssigned.rawValue, EventType.handoff.rawValue:
      guard let accountOwner, accountOwner != user else { return nil }
      return .adminOnly(user: user, action: "reassign an account owned by \(accountOwner)")
    default: return nil
    }
  }

  private init(creatorOnly creator: Member?) { self.creator = creator }
}
