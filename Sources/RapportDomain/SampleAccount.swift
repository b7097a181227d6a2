import RapportJournal

/// One generated account's plans: when it starts, how it is looked after, whether it drifts.
struct SampleAccount {
  let slug: String
  let name: String
  let tier: Int
  let owner: String?
  let created: Day
  let drifting: Bool
  let driftStart: Day
  let churns: Bool
  var nextTouch: Day
  var nextUsage: Day
  var usageLevel: Double
  var nextNPS: Day
  var nextValue: Day
  var nextQBR: Day
  var scheduledQBR: Day?
  var qbrHeld = false
  var openTickets: [(id: String, closes: Day)] = []
  var ticketCounter = 0
  var criteria = 0
  var unmetCriteria: [Int] = []
  var stage: Stage = .onboarding
  /// Tasks to complete: their seq and the day they get done (most on time, some late, a few never).
  var openTasks: [(seq: Int, done: Day)] = []
  var contacts: [String] = []
  let isProspect: Bool
  var renewal = Day(number: 0)
  var contractValue = 0.0

  private static let prefixes = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent",
    "Gringotts", "Nakatomi", "Oscorp", "Vandelay", "Pied Piper", "Aperture", "Blue Sun", "Monarch", "Massive",
  ]
  private static let suffixes = [
    "Labs", "Logistics", "Health", "Foods", "Energy", "Media", "Bank", "Robotics", "Retail", "Systems",
  ]
  private static let special = [
    "Café Müller GmbH", "東京ロボティクス株式会社", "Señor Pez 🐟", "Łódź Textiles", "Ångström Optics", "서울 바이오",
  ]
  private static let people = [
    "Dana Lee", "Sam Ortiz", "Priya Raman", "Jonas Berg", "Mei Chen", "Olu Adebayo", "Chloé Martin", "Ivan Petrov",
  ]
  private static let roles = ["CFO", "CTO", "VP Operations", "Head of IT", "Project lead", "COO"]
  private static let summaries = [
    "Weekly sync on rollout", "Reviewed adoption numbers", "Discussed the new reporting needs",
    "Checked in after the release",
    "Walked through open tickets", "Planned the next phase", "Budget conversation for next year",
    "Training for new team members",
  ]

  init(index: Int, book: SampleBook, random: inout SplitMix) {
    let span = max(1, book.lastDay.days(since: book.firstDay))
    let named = index < Self.special.count && book.accounts >= 20 && index % 7 == 3
    name =
      named
      ? Self.special[index / 7 % Self.special.count]
      : "\(Self.prefixes[index % Self.prefixes.count]) \(Self.suffixes[index / Self.prefixes.count % Self.suffixes.count])"
    slug =
      "\(Self.prefixes[index % Self.prefixes.count].lowercased().replacingOccurrences(of: " ", with: "-"))-\(index + 1)"
    let roll = random.next(below: 100)
    tier = roll < 20 ? 1 : roll < 55 ? 2 : 3
    owner = index == 5 ? nil : book.owners[index % book.owners.count]
    // The last account of a larger book was signed yesterday and has nothing logged yet: "unknown".
    isProspect = book.accounts >= 10 && index == book.accounts - 1
    created =
      isProspect ? book.lastDay.adding(days: -1) : book.firstDay.adding(days: random.next(below: span * 8 / 10 + 1))
    drifting = random.chance(0.15)
    driftStart = book.lastDay.adding(days: -(30 + random.next(below: 60)))
    churns = random.chance(0.04)
    nextTouch = created.adding(days: 1)
    nextUsage = created.adding(days: 7)
    usageLevel = Double(100 + random.next(below: 900))
    nextNPS = created.adding(days: 60 + random.next(below: 60))
    nextValue = created.adding(days: 30)
    nextQBR = created.adding(days: 80)
  }

  var cadence: Int { tier == 1 ? 7 : tier == 2 ? 14 : 30 }

  private func draft(_ type: EventType, _ data: [(String, JSONValue)]) -> EventDraft {
    EventDraft(type: type.rawValue, account: slug, data: JSONObject(data))
  }

  mutating func events(on day: Day, book: SampleBook, random: inout SplitMix) -> [(EventDraft, String)] {
    guard day >= created, stage != .churned else { return [] }
    let actor = owner ?? book.owners[0]
    var out: [(EventDraft, String)] = []
    if day == created { out += opening(day, random: &random) }
    if isProspect { return out }
    if day == renewal {
      // Renewed for a year, often with a little expansion.
      renewal = renewal.adding(days: 365)
      contractValue = (contractValue * (1 + Double(random.next(below: 12)) / 100)).rounded()
      out.append(
        (
          draft(.accountUpdated, [("renewal", .string(renewal.description)), ("value", .number(contractValue))]),
          actor
        ))
    }
    let drift = drifting && day >= driftStart
    let date = JSONValue.string(day.description)
    if day >= nextTouch {
      let kind: TouchpointKind = random.pick([.checkIn, .call, .call, .meeting, .email, .note, .executiveBriefing])
      var data: [(String, JSONValue)] = [("kind", .string(kind.rawValue)), ("date", date)]
      if let contact = contacts.first { data.append(("with", .array([.string(contact)]))) }
      let summary = random.pick(Self.summaries)
      data += [
        (
          "summary",
          .string(book.distinctText ? "\(summary) with \(contacts.first ?? name) at \(name), \(day)" : summary)
        ),
        ("meaningful", .bool(kind.isMeaningfulByDefault)),
      ]
      let touch = draft(.touchpointLogged, data)
      out.append((touch, actor))
      if random.chance(0.15) {
        out.append(
          (
            draft(
              .taskCreated,
              [
                (
                  "text",
                  .string(
                    book.distinctText
                      ? "Send \(name) the notes of \(day) and next steps" : "Send the notes and next steps")
                ), ("due", .string(day.adding(days: 3).description)),
                ("owner", .string(actor)), ("follows", .string(touch.id)),
              ]), actor
          ))
      }
      nextTouch = day.adding(
        days: max(1, Int(Double(cadence) * (drift ? 3.0 : 0.6 + Double(random.next(below: 80)) / 100))))
    }
    if day >= nextUsage {
      usageLevel *= drift ? 0.85 : 0.97 + Double(random.next(below: 70)) / 1000
      out.append(
        (draft(.usageRecorded, [("value", .number((usageLevel * 10).rounded() / 10)), ("date", date)]), "importer"))
      nextUsage = day.adding(days: 7)
    }
    if random.chance(drift ? 0.05 : 0.012) {
      ticketCounter += 1
      let id = "T-\(slug.count * 1000 + ticketCounter)"
      out.append(
        (
          draft(
            .ticketOpened,
            [("ticket", .string(id)), ("severity", .string(random.pick(Severity.allCases).rawValue)), ("date", date)]),
          "importer"
        ))
      openTickets.append((id, day.adding(days: 1 + random.next(below: 12))))
    }
    for ticket in openTickets where ticket.closes == day {
      out.append((draft(.ticketClosed, [("ticket", .string(ticket.id)), ("date", date)]), "importer"))
    }
    openTickets.removeAll { $0.closes <= day }
    if day >= nextNPS {
      let score = drift ? random.next(below: 7) : 6 + random.next(below: 5)
      out.append(
        (
          draft(
            .npsRecorded,
            [("score", .number(Double(score))), ("contact", .string(contacts.first ?? "Dana Lee")), ("date", date)]),
          "importer"
        ))
      nextNPS = day.adding(days: 90 + random.next(below: 30))
    }
    if tier < 3, day >= nextValue, !drift {
      out.append(
        (
          draft(
            .valueNoted,
            [
              (
                "text",
                .string(
                  "Saved the team \(2 + random.next(below: 20)) hours this month"
                    + (book.distinctText ? " (\(name), \(day))" : ""))
              ), ("date", date),
            ]), actor
        ))
      nextValue = day.adding(days: 25 + random.next(below: 15))
    }
    if tier < 3, day >= nextQBR {
      out.append((draft(.qbrScheduled, [("date", .string(day.adding(days: 14).description))]), actor))
      scheduledQBR = day.adding(days: 14)
      nextQBR = day.adding(days: 91)
    }
    if let qbr = scheduledQBR {
      out += qbrFollowThrough(qbr, on: day, drifting: drift, actor: actor, random: &random)
    }
    if let number = unmetCriteria.first, day.days(since: created) > 20 + number * 10, random.chance(drift ? 0.01 : 0.05)
    {
      out.append((draft(.criterionMet, [("criterion", .number(Double(number))), ("date", date)]), actor))
      unmetCriteria.removeFirst()
    }
    out += completedTasks(on: day, actor: actor)
    out += stageMoves(day, actor: actor)
    return out
  }

  private mutating func opening(_ day: Day, random: inout SplitMix) -> [(EventDraft, String)] {
    let actor = owner ?? "lead"
    var profile: [(String, JSONValue)] = [
      ("name", .string(name)), ("tier", .number(Double(tier))), ("stage", .string(Stage.onboarding.rawValue)),
    ]
    if let owner { profile.append(("owner", .string(owner))) }
    renewal = day.adding(days: 365 * (1 + random.next(below: 2)))
    contractValue = Double([0, 120_000, 40_000, 12_000][tier] + random.next(below: 10) * 1000)
    profile += [
      ("signed", .string(day.description)), ("renewal", .string(renewal.description)),
      ("value", .number(contractValue)),
    ]
    var out = [(draft(.accountCreated, profile), actor)]
    for person in 0..<(1 + random.next(below: 3)) {
      let name = Self.people[(slug.count + person * 3) % Self.people.count]
      contacts.append(name)
      out.append(
        (
          draft(
            .contactAdded,
            [
              ("name", .string(name)), ("role", .string(random.pick(Self.roles))),
              ("email", .string(name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com")),
              ("sponsor", .bool(person == 0)),
            ]), actor
        ))
    }
    if !isProspect {
      out.append(
        (
          draft(
            .touchpointLogged,
            [
              ("kind", .string(TouchpointKind.welcomeCall.rawValue)), ("date", .string(day.description)),
              ("summary", .string("Welcome call, introductions")), ("meaningful", .bool(true)),
            ]), actor
        ))
    }
    for number in 1...(3 + random.next(below: 3)) {
      criteria = number
      unmetCriteria.append(number)
      out.append(
        (
          draft(
            .criterionAdded,
            [
              ("number", .number(Double(number))),
              ("text", .string("Success criterion \(number): adoption by \(number * 20)% of seats")),
              ("target", .string(day.adding(days: 30 * number).description)),
            ]), actor
        ))
    }
    return out
  }

  /// Agenda two days before, the QBR itself (most are held; drifting accounts skip some), summary after.
  private mutating func qbrFollowThrough(
    _ qbr: Day, on day: Day, drifting: Bool, actor: String, random: inout SplitMix
  ) -> [(EventDraft, String)] {
    let date = JSONValue.string(day.description)
    func touch(_ kind: TouchpointKind, _ summary: String) -> (EventDraft, String) {
      (
        draft(
          .touchpointLogged,
          [
            ("kind", .string(kind.rawValue)), ("date", date), ("summary", .string(summary)),
            ("meaningful", .bool(true)),
          ]),
        actor
      )
    }
    switch day.days(since: qbr) {
    case -2: return random.chance(0.85) ? [touch(.email, "Sent the QBR agenda")] : []
    case 0:
      if drifting && random.chance(0.5) {
        scheduledQBR = nil
        return []
      }
      qbrHeld = true
      return [touch(.qbr, "Quarterly business review: results against the success criteria")]
    case 1:
      defer {
        scheduledQBR = nil
        qbrHeld = false
      }
      return qbrHeld && random.chance(0.8) ? [touch(.email, "Sent the QBR summary with action items")] : []
    default: return []
    }
  }

  mutating func taskCreated(seq: Int, on day: Day, random: inout SplitMix) {
    let roll = random.next(below: 100)
    guard roll < 95 else { return }
    openTasks.append((seq, day.adding(days: roll < 80 ? 1 + random.next(below: 3) : 4 + random.next(below: 10))))
  }

  private mutating func completedTasks(on day: Day, actor: String) -> [(EventDraft, String)] {
    let due = openTasks.filter { $0.done == day }
    openTasks.removeAll { $0.done <= day }
    return due.map { task in
      (
        draft(.taskCompleted, [("task", .number(Double(task.seq))), ("date", .string(day.description))]),
        actor
      )
    }
  }

  private mutating func stageMoves(_ day: Day, actor: String) -> [(EventDraft, String)] {
    let age = day.days(since: created)
    let next: Stage? =
      switch (stage, age) {
      case (.onboarding, 30...): .activation
      case (.activation, 120...): .growth
      case (.growth, 365...): .retention
      case (.retention, 500...) where churns: .churned
      default: nil
      }
    guard let next else { return [] }
    let previous = stage
    stage = next
    return [
      (draft(.stageChanged, [("stage", .string(next.rawValue)), ("previous", .string(previous.rawValue))]), actor)
    ]
  }
}
