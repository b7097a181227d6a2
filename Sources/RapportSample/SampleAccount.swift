import RapportDomain
import RapportJournal

/// One generated account's plans: when it starts, how it is looked after, whether it drifts.
struct SampleAccount {
  /// Two accounts of a larger book are staged so that the demo shows every lifecycle alert.
  enum Scenario {
    /// Signed 40 days ago and stuck: still onboarding, no first value, an urgent ticket open.
    case lateStart
    /// Its renewal date passed 15 days ago and nobody recorded the outcome.
    case lapsedRenewal
  }

  let slug: String
  let name: String
  let tier: Int
  let owner: String?
  let created: Day
  let drifting: Bool
  let driftStart: Day
  let scenario: Scenario?
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
  private static let churnReasons = ["budget cut", "acquired by a competitor's client", "moved to an in-house tool"]
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
    let start =
      isProspect ? book.lastDay.adding(days: -1) : book.firstDay.adding(days: random.next(below: span * 8 / 10 + 1))
    let drifts = random.chance(0.15)
    let drift = book.lastDay.adding(days: -(30 + random.next(below: 60)))
    scenario =
      book.accounts >= 20 && index == book.accounts - 2
      ? .lateStart : book.accounts >= 20 && index == book.accounts - 3 ? .lapsedRenewal : nil
    switch scenario {
    case .lateStart:
      created = book.lastDay.adding(days: -40)
      drifting = true
      driftStart = created
    case .lapsedRenewal:
      created = min(start, book.lastDay.adding(days: -200))
      drifting = drifts
      driftStart = drift
    case nil:
      created = start
      drifting = drifts
      driftStart = drift
    }
    churns = random.chance(0.04)
    nextTouch = created.adding(days: 1)
    nextUsage = created.adding(days: 7)
    usageLevel = Double(100 + random.next(below: 900))
    nextNPS = created.adding(days: 60 + random.next(below: 60))
    nextValue = created.adding(days: 30)
    nextQBR = created.adding(days: 80)
  }

  var cadence: Int { tier == 1 ? 7 : tier == 2 ? 14 : 30 }

  private func draft(_ event: Event) -> EventDraft { EventDraft(event, account: slug) }

  mutating func events(on day: Day, book: SampleBook, random: inout SplitMix) -> [(EventDraft, String)] {
    guard day >= created, stage != .churned else { return [] }
    let actor = owner ?? book.owners[0]
    var out: [(EventDraft, String)] = []
    if day == created { out += opening(day, lastDay: book.lastDay, random: &random) }
    if isProspect { return out }
    let drift = drifting && day >= driftStart
    if day == renewal.adding(days: -80), !drift || random.chance(0.5) {
      out.append((renewalConversation(day), actor))
    }
    if day == renewal, scenario != .lapsedRenewal,
      let outcome = renewalOutcome(on: day, drifting: drift, random: &random)
    {
      out.append((outcome, actor))
    }
    if scenario == .lateStart, day == book.lastDay.adding(days: -1) {
      let urgent = Event.TicketOpened(ticket: "T-URGENT-\(slug.count)", severity: .urgent, date: day)
      out.append((draft(.ticketOpened(urgent)), "importer"))
    }
    if day >= nextTouch {
      let kind: TouchpointKind = random.pick([.checkIn, .call, .call, .meeting, .email, .note, .executiveBriefing])
      let summary = random.pick(Self.summaries)
      let touch = draft(
        .touchpointLogged(
          .init(
            kind: kind, date: day, participants: contacts.first.map { [$0] } ?? [],
            summary: book.distinctText ? "\(summary) with \(contacts.first ?? name) at \(name), \(day)" : summary,
            outcome: nil, meaningful: kind.isMeaningfulByDefault)))
      out.append((touch, actor))
      if random.chance(0.15) {
        let text =
          book.distinctText ? "Send \(name) the notes of \(day) and next steps" : "Send the notes and next steps"
        let task = Event.TaskCreated(
          text: text, due: day.adding(days: 3), owner: actor, follows: touch.id, date: day)
        out.append((draft(.taskCreated(task)), actor))
      }
      nextTouch = day.adding(
        days: max(1, Int(Double(cadence) * (drift ? 3.0 : 0.6 + Double(random.next(below: 80)) / 100))))
    }
    if day >= nextUsage {
      usageLevel *= drift ? 0.85 : 0.97 + Double(random.next(below: 70)) / 1000
      out.append(
        (draft(.usageRecorded(.init(value: (usageLevel * 10).rounded() / 10, date: day))), "importer"))
      nextUsage = day.adding(days: 7)
    }
    if random.chance(drift ? 0.05 : 0.012) {
      ticketCounter += 1
      let id = "T-\(slug.count * 1000 + ticketCounter)"
      out.append(
        (
          draft(.ticketOpened(.init(ticket: id, severity: random.pick(Severity.allCases), date: day))),
          "importer"
        ))
      openTickets.append((id, day.adding(days: 1 + random.next(below: 12))))
    }
    for ticket in openTickets where ticket.closes == day {
      out.append((draft(.ticketClosed(.init(ticket: ticket.id, date: day))), "importer"))
    }
    openTickets.removeAll { $0.closes <= day }
    if day >= nextNPS {
      let score = drift ? random.next(below: 7) : 6 + random.next(below: 5)
      out.append(
        (
          draft(.npsRecorded(.init(score: score, contact: contacts.first ?? "Dana Lee", comment: nil, date: day))),
          "importer"
        ))
      nextNPS = day.adding(days: 90 + random.next(below: 30))
    }
    if tier < 3, day >= nextValue, !drift {
      out.append(
        (
          draft(
            .valueNoted(
              .init(
                text: "Saved the team \(2 + random.next(below: 20)) hours this month"
                  + (book.distinctText ? " (\(name), \(day))" : ""), date: day))), actor
        ))
      nextValue = day.adding(days: 25 + random.next(below: 15))
    }
    if tier < 3, day >= nextQBR {
      out.append((draft(.qbrScheduled(.init(date: day.adding(days: 14), on: day))), actor))
      scheduledQBR = day.adding(days: 14)
      nextQBR = day.adding(days: 91)
    }
    if let qbr = scheduledQBR {
      out += qbrFollowThrough(qbr, on: day, drifting: drift, actor: actor, random: &random)
    }
    if let number = unmetCriteria.first, day.days(since: created) > 20 + number * 10, random.chance(drift ? 0.01 : 0.05)
    {
      out.append((draft(.criterionMet(.init(criterion: number, date: day))), actor))
      unmetCriteria.removeFirst()
    }
    out += completedTasks(on: day, actor: actor)
    out += stageMoves(day, actor: actor)
    return out
  }

  /// The renewal conversation, marked as the play asks, with the sponsor.
  private func renewalConversation(_ day: Day) -> EventDraft {
    draft(
      .touchpointLogged(
        .init(
          kind: .call, date: day, participants: contacts.first.map { [$0] } ?? [],
          summary: "Terms and seats for the next year", outcome: nil, meaningful: true,
          closes: .renewalConversation)))
  }

  /// Most renewals are recorded on the day (renewed, often expanded; downsized when the account drifts);
  /// a drifting account's is sometimes left without an outcome, so the demo shows `renewal-overdue`.
  private mutating func renewalOutcome(on day: Day, drifting: Bool, random: inout SplitMix) -> EventDraft? {
    if drifting, random.chance(0.4) { return nil }
    let previous = renewal
    let result: RenewalOutcome.Result
    if drifting {
      result = .downsized
      contractValue = (contractValue * 0.8).rounded()
    } else if random.chance(0.6) {
      result = .expanded
      contractValue = (contractValue * (1.01 + Double(random.next(below: 11)) / 100)).rounded()
    } else {
      result = .renewed
    }
    renewal = renewal.adding(months: 12)
    return draft(
      .renewalRecorded(
        .init(
          result: result, date: day, renewal: previous, nextRenewal: renewal,
          value: result == .renewed ? nil : Money(units: contractValue), termMonths: 12,
          reason: drifting ? "fewer seats in use" : nil)))
  }

  private mutating func opening(_ day: Day, lastDay: Day, random: inout SplitMix) -> [(EventDraft, String)] {
    let actor = owner ?? "lead"
    renewal = day.adding(days: 365 * (1 + random.next(below: 2)))
    if scenario == .lapsedRenewal { renewal = lastDay.adding(days: -15) }
    contractValue = Double([0, 120_000, 40_000, 12_000][tier] + random.next(below: 10) * 1000)
    // A prospect has no renewal date yet (the demo's `renewal-unknown`).
    let profile = AccountFields(
      name: name, tier: tier, signed: .set(day), renewal: isProspect ? .keep : .set(renewal),
      value: .set(Money(units: contractValue)))
    var out = [(draft(.accountCreated(.init(stage: .onboarding, owner: owner, profile: profile, date: day))), actor)]
    for person in 0..<(1 + random.next(below: 3)) {
      let name = Self.people[(slug.count + person * 3) % Self.people.count]
      contacts.append(name)
      out.append(
        (
          draft(
            .contactAdded(
              .init(
                name: name, role: random.pick(Self.roles),
                email: name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com",
                isSponsor: person == 0, date: day))), actor
        ))
    }
    if !isProspect {
      out.append(
        (
          draft(
            .touchpointLogged(
              .init(
                kind: .welcomeCall, date: day, participants: [], summary: "Welcome call, introductions", outcome: nil,
                meaningful: true))), actor
        ))
    }
    for number in 1...(3 + random.next(below: 3)) {
      criteria = number
      unmetCriteria.append(number)
      out.append(
        (
          draft(
            .criterionAdded(
              .init(
                number: number, text: "Success criterion \(number): adoption by \(number * 20)% of seats",
                target: day.adding(days: 30 * number), date: day))), actor
        ))
    }
    return out
  }

  /// Agenda two days before, the QBR itself (most are held; drifting accounts skip some), summary after.
  private mutating func qbrFollowThrough(
    _ qbr: Day, on day: Day, drifting: Bool, actor: String, random: inout SplitMix
  ) -> [(EventDraft, String)] {
    func touch(_ kind: TouchpointKind, _ summary: String, closes: PlayCode? = nil) -> (EventDraft, String) {
      let logged = Event.TouchpointLogged(
        kind: kind, date: day, participants: [], summary: summary, outcome: nil, meaningful: true, closes: closes)
      return (draft(.touchpointLogged(logged)), actor)
    }
    switch day.days(since: qbr) {
    case -2: return random.chance(0.85) ? [touch(.email, "Sent the QBR agenda", closes: .qbrAgenda)] : []
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
      return qbrHeld && random.chance(0.8)
        ? [touch(.email, "Sent the QBR summary with action items", closes: .qbrSummary)] : []
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
        draft(.taskCompleted(.init(task: task.seq, date: day))),
        actor
      )
    }
  }

  /// Why a generated client churned (from its id, so the random choices stay the same).
  private func reason(for stage: Stage) -> String? {
    stage == .churned ? Self.churnReasons[slug.count % Self.churnReasons.count] : nil
  }

  private mutating func stageMoves(_ day: Day, actor: String) -> [(EventDraft, String)] {
    let age = day.days(since: created)
    let next: Stage? =
      switch (stage, age) {
      // A drifting account lingers in onboarding (the demo's `onboarding-overdue`).
      case (.onboarding, (drifting ? 50 : 30)...): .activation
      case (.activation, 120...): .growth
      case (.growth, 365...): .retention
      case (.retention, 500...) where churns: .churned
      default: nil
      }
    guard let next else { return [] }
    let previous = stage
    stage = next
    return [
      (draft(.stageChanged(.init(stage: next, previous: previous, reason: reason(for: next), date: day))), actor)
    ]
  }
}
