import RapportDomain

/// Turning a filled-in form into the domain command it stands for, or the problems to show.
extension EntryForm {
  public func command(today: Day) -> Result<Command, FormErrors> {
    var reader = FormReader(self, today: today)
    let command: Command?
    switch purpose {
    case .touchpoint: command = touchpointCommand(&reader)
    case .nps: command = npsCommand(&reader)
    case .owner:
      let owner = reader.text(.owner, required: true)
      let date = reader.day(.date, required: true)
      command = owner.flatMap { owner in date.map { .assignOwner(slug: slug, owner: owner, date: $0) } }
    case .handoff:
      let owner = reader.text(.owner, required: true)
      let note = reader.text(.note)
      let date = reader.day(.date, required: true)
      command = owner.flatMap { owner in date.map { .handOff(slug: slug, to: owner, note: note, date: $0) } }
    case .stage:
      let reason = reader.text(.reason)
      let date = reader.day(.date, required: true)
      command = Stage(rawValue: text(of: .stage)).flatMap { stage in
        date.map { .changeStage(slug: slug, stage: stage, reason: reason, date: $0) }
      }
    case .account: command = accountCommand(&reader)
    case .criterion: command = criterionCommand(&reader)
    case .valueNote:
      let text = reader.text(.text, required: true)
      let date = reader.day(.date, required: true)
      command = text.flatMap { text in date.map { .noteValue(slug: slug, text: text, date: $0) } }
    case .retract(let seq): command = reader.text(.reason, required: true).map { .retract(seq: seq, reason: $0) }
    case .completeTask(let id): command = reader.day(.date, required: true).map { .completeTask(id: id, date: $0) }
    case .actionItem(let standup): command = actionItemCommand(&reader, standup: standup)
    }
    return reader.result(command)
  }

  private func touchpointCommand(_ reader: inout FormReader) -> Command? {
    let date = reader.day(.date, required: true)
    let summary = reader.text(.summary, required: true)
    let followUp = reader.text(.followUp)
    let due = reader.day(.followUpDue, required: followUp != nil)
    if followUp == nil, due != nil { reader.problem(.followUp, "required when a due date is given") }
    guard let date, let summary else { return nil }
    let participants = text(of: .with).split(separator: ",").map { String($0).trimmingSpaces() }
      .filter { !$0.isEmpty }
    let kind = TouchpointKind(rawValue: text(of: .kind)) ?? .call
    let task = followUp.flatMap { text in due.map { TouchpointInput.FollowUp(text: text, due: $0) } }
    return .logTouchpoint(
      slug: slug,
      TouchpointInput(
        kind: kind, date: date, summary: summary, participants: participants, followUp: task, closes: closes))
  }

  private func npsCommand(_ reader: inout FormReader) -> Command? {
    let score = reader.integer(.score, in: 0...10)
    let contact = reader.text(.contact)
    let comment = reader.text(.comment)
    let date = reader.day(.date, required: true)
    guard let score, let date else { return nil }
    return .recordNPS(slug: slug, score: score, contact: contact, comment: comment, date: date)
  }

  private func accountCommand(_ reader: inout FormReader) -> Command? {
    let name = reader.text(.name, required: true)
    let typedSlug = reader.text(.slug)
    let slug = typedSlug ?? name.map(Self.suggestedSlug(for:)) ?? ""
    if typedSlug == nil, name != nil, slug.isEmpty {
      reader.problem(.slug, "required (the name has no letters to use)")
    }
    let renewal = reader.day(.renewal)
    let value = reader.money(.value)
    let date = reader.day(.date, required: true)
    guard let name, !slug.isEmpty, let date else { return nil }
    let profile = AccountProfile(
      name: name, tier: Int(text(of: .tier)), stage: Stage(rawValue: text(of: .stage)), owner: reader.text(.owner),
      renewal: renewal, value: value)
    return .addAccount(slug: slug, profile: profile, date: date)
  }

  private func criterionCommand(_ reader: inout FormReader) -> Command? {
    let choice = text(of: .criterion)
    if choice == "new" {
      let text = reader.text(.text, required: true)
      let target = reader.day(.target)
      let date = reader.day(.date) ?? reader.today
      return text.map { .addCriterion(slug: slug, text: $0, target: target, date: date) }
    }
    let date = reader.day(.date) ?? reader.today
    guard let number = choice.split(separator: ":").first.flatMap({ Int($0) }) else {
      reader.problem(.criterion, "pick new or an open criterion")
      return nil
    }
    return .meetCriterion(slug: slug, number: number, date: date)
  }

  /// A slug from a name: lowercase ASCII letters and digits, other runs become one hyphen, at most 40.
  static func suggestedSlug(for name: String) -> String {
    var slug = ""
    for character in name.lowercased() {
      if character.isASCII, character.isLetter || character.isNumber {
        slug.append(character)
      } else if !slug.isEmpty, slug.last != "-" {
        slug.append("-")
      }
    }
    slug = String(slug.prefix(40))
    while slug.last == "-" { slug.removeLast() }
    return slug
  }
}
