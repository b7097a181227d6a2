extension Members {
  /// Why `user` may not void account `slug`, created by `creator`, on which `writers` have written;
  /// nil when they may.
  ///
  /// Voiding is for an account created by mistake, so it belongs to whoever made the mistake: its
  /// creator, while nobody else has worked on it. An admin may void any account (on a journal without
  /// members, its creator is the admin); a viewer none.
  public func refusal(toVoid slug: String, createdBy creator: String, writers: Set<String>, by user: String)
    -> DomainError?
  {
    if let member = self[user] {
      if member.role == .viewer { return .viewerCannotWrite(user) }
      if member.role == .admin { return nil }
    } else if isEnforced {
      return .notAMember(user)
    }
    guard creator == user else {
      return .adminOnly(user: user, action: "void '\(slug)', which \(creator) added")
    }
    let others = writers.subtracting([user]).sorted()
    guard others.isEmpty else {
      let names =
        others.count == 1 ? others[0] : others.dropLast().joined(separator: ", ") + " and " + (others.last ?? "")
      return .adminOnly(user: user, action: "void '\(slug)', which \(names) also wrote to")
    }
    return nil
  }
}
