/// The rules that say what is due: pure functions of an account, the book, today and the configuration.
public struct PlayBook: Sendable {
  public let book: Book
  public let today: Day
  public let config: RulesConfig

  public init(book: Book, today: Day, config: RulesConfig) {
    self.book = book
    self.today = today
    self.config = config
  }

  /// Every open play of every account, overdue first, then by due day.
  public func allPlays() -> [Play] {
    book.allAccounts.flatMap(plays(for:)).sorted(by: Self.order(today))
  }

  /// The plays `user` must see, in order: those they own, and those on the accounts they manage
  /// (marked `managedBy`), whoever owns them.
  public static func plays(_ plays: [Play], for user: String, in book: Book) -> [Play] {
    // The accounts the user manages, found once: most users manage none, and a book has many plays.
    let managed = Set(book.allAccounts.lazy.filter { $0.manager == user }.map(\.slug))
    guard !managed.isEmpty else { return plays.filter { $0.owner == user } }
    return plays.compactMap { play in
      if play.owner == user { return play }
      guard managed.contains(play.account) else { return nil }
      var marked = play
      marked.managedBy = user
      return marked
    }
  }

  static func order(_ today: Day) -> (Play, Play) -> Bool {
    { left, right in
      let key = { (play: Play) in (play.isOverdue(on: today) ? 0 : 1, play.due, play.account, play.code.rawValue) }
      return key(left) < key(right)
    }
  }

  public func plays(for account: Account) -> [Play] {
    var plays = tasks(of: account)
    guard account.stage != .churned else { return plays }
    // The live touchpoints, filtered once: every rule below reads them.
    let touches = LiveTouchpoints(facts: account.touchFacts, today: today)
    plays += cadence(account, touches)
    plays += onboarding(account, touches)
    plays += qbrFollowThrough(account, touches)
    plays += npsLoops(account, touches)
    plays += renewal(account, touches)
    plays += handoff(account)
    plays += urgentTickets(account)
    plays += npsSurvey(account)
    plays += valueNote(account)
    return plays
  }

  private func play(
    _ account: Account, _ code: PlayCode, _ title: String, due: Day, lateAfter: Day? = nil, owner: String? = nil,
    taskID: Int? = nil
  ) -> Play {
    Play(
      account: account.slug, code: code, title: title, owner: owner ?? account.owner, due: due,
      lateAfter: lateAfter ?? due, taskID: taskID, evidence: PlayClosing.evidence(for: code))
  }

  private func lastTouch(_ touches: LiveTouchpoints, where matches: (TouchFacts) -> Bool) -> Day? {
    touches.latestDate(where: matches)
  }

  // MARK: Cadence

  private func cadence(_ account: Account, _ touches: LiveTouchpoints) -> [Play] {
    let start = account.startDay
    let checkIn = config.checkInDays(tier: account.tier)
    var plays = [
      play(
        account, .checkIn, "check-in (tier \(account.tier), every \(checkIn) days)",
        due: (lastTouch(touches) { $0.isMeaningful && $0.kind.isConversation } ?? start).adding(days: checkIn))
    ]
    if account.tier == 1 {
      let interval = config.days("briefing.tier1")
      let last = lastTouch(touches) { $0.kind == .executiveBriefing || $0.kind == .qbr } ?? start
      plays.append(
        play(
          account, .executiveBriefing, "executive briefing (every \(interval) days)", due: last.adding(days: interval)))
    }
    let review = config.reviewDays(tier: account.tier)
    if account.tier < 3 {
      let last = lastTouch(touches) { $0.kind == .qbr } ?? start
      plays.append(play(account, .qbr, "QBR (every \(review) days)", due: last.adding(days: review)))
    } else {
      let last = lastTouch(touches) { $0.kind == .semiannualReview || $0.kind == .qbr } ?? start
      plays.append(play(account, .review, "business review (every \(review) days)", due: last.adding(days: review)))
    }
    return plays
  }

  // MARK: Onboarding

  private func onboarding(_ account: Account, _ touches: LiveTouchpoints) -> [Play] {
    guard let signed = account.signed, signed <= today,
      account.stage == .onboarding || today.days(since: signed) <= config.days("onboarding.window-days")
    else { return [] }
    var plays: [Play] = []
    if !touches.contains(where: { $0.date >= signed && $0.kind == .welcomeCall }) {
      plays.append(
        play(
          account, .welcomeCall, "welcome call (48 h after signature)",
          due: signed.adding(days: config.days("onboarding.welcome-days"))))
    }
    if let shortfall = criteriaShortfall(account, signed: signed) {
      plays.append(
        play(
          account, .successCriteria, "success criteria: \(shortfall)",
          due: signed.adding(days: config.days("onboarding.criteria-days"))))
    }
    if !touches.contains(where: { $0.date >= signed && $0.kind == .technicalSetup }) {
      let due = Self.adding(businessDays: config.days("onboarding.setup-business-days"), to: signed)
      plays.append(play(account, .technicalSetup, "technical setup done (5 business days)", due: due))
    }
    let day = config.days("onboarding.checkin-day")
    let tolerance = config.days("onboarding.checkin-tolerance")
    let window = signed.adding(days: day - tolerance)...signed.adding(days: day + tolerance)
    if !touches.contains(where: {
      $0.date >= signed
        && ($0.kind == .thirtyDayCheckIn || ($0.isMeaningful && window.contains($0.date) && $0.kind != .welcomeCall))
    }) {
      plays.append(
        play(
          account, .thirtyDayCheckIn, "\(day)-day check-in (±\(tolerance) days)", due: signed.adding(days: day),
          lateAfter: window.upperBound))
    }
    return plays
  }

  /// What is wrong with the account's success criteria, if anything: fewer than the minimum (3), more
  /// than five, or a target more than six months after signature.
  func criteriaShortfall(_ account: Account, signed: Day) -> String? {
    let live = account.criteria.filter { !$0.meta.isRetracted }
    let minimum = config.days("onboarding.criteria-min")
    if live.count < minimum { return "document \(minimum)–5 (\(live.count) so far)" }
    if live.count > 5 { return "keep to 5 at most (\(live.count) documented)" }
    let limit = signed.adding(months: 6)
    if let far = live.first(where: { ($0.target.map { $0 > limit }) ?? false }), let target = far.target {
      return "a target on \(target) lies more than six months after signature (by \(limit))"
    }
    return nil
  }

  /// `days` business days (Monday to Friday) after `day`.
  public static func adding(businessDays days: Int, to day: Day) -> Day {
    var result = day
    var remaining = days
    while remaining > 0 {
      result = result.adding(days: 1)
      if result.weekday < 5 { remaining -= 1 }
    }
    return result
  }

  // MARK: QBRs

  /// Agenda before each scheduled QBR; written summary after each one held. Only an entry marked for
  /// it closes either (`--closes qbr-agenda` in the 14 days before the QBR, `--closes qbr-summary` in the
  /// 7 days after it was held).
  private func qbrFollowThrough(_ account: Account, _ touches: LiveTouchpoints) -> [Play] {
    var plays: [Play] = []
    let agendaDays = config.days("qbr.agenda-days")
    let summaryDays = config.days("qbr.summary-days")
    // Only QBRs near today can have an open agenda or summary.
    for qbr in account.qbrs where !qbr.meta.isRetracted && qbr.date >= today.adding(days: -45) {
      let held = touches.earliestDate { $0.kind == .qbr && abs($0.date.days(since: qbr.date)) <= 7 }
      if let held {
        let summarySent = touches.contains {
          $0.closes == .qbrSummary && $0.date >= held && $0.date <= held.adding(days: 7)
        }
        if !summarySent, today.days(since: held) <= 30 {
          plays.append(
            play(
              account, .qbrSummary, "send the QBR summary with action items (24 h)", due: held.adding(days: summaryDays)
            ))
        }
      } else if qbr.date >= today.adding(days: -7) {
        let agendaSent = touches.contains {
          $0.closes == .qbrAgenda && $0.date >= qbr.date.adding(days: -14) && $0.date <= qbr.date
        }
        if !agendaSent {
          plays.append(
            play(
              account, .qbrAgenda, "send the agenda for the QBR on \(qbr.date) (48 h before)",
              due: qbr.date.adding(days: -agendaDays)))
        }
      }
    }
    return plays
  }

  // MARK: NPS loop

  private func npsLoops(_ account: Account, _ touches: LiveTouchpoints) -> [Play] {
    let window = config.days("nps.window-days")
    var plays: [Play] = []
    for response in account.npsResponses
    where !response.meta.isRetracted && response.date <= today && today.days(since: response.date) <= window {
      if response.isDetractor {
        if !isFollowedUp(response, in: account) {
          var followUp = play(
            account, .detractorFollowUp,
            "follow up NPS \(response.score)" + (response.contact.map { " from \($0)" } ?? ""),
            due: response.date.adding(days: config.days("nps.detractor-days")))
          followUp.evidence =
            "a meaningful call or meeting" + (response.contact.map { " with \($0)" } ?? "")
            + " on or after \(response.date)"
          plays.append(followUp)
        }
      } else if response.isPromoter {
        let asked = touches.contains {
          $0.date >= response.date && ($0.kind == .referralAsk || $0.kind == .caseStudyAsk)
        }
        if !asked {
          plays.append(
            play(
              account, .promoterAsk, "ask for a referral or case study (NPS \(response.score))",
              due: response.date.adding(days: config.days("nps.promoter-days"))))
        }
      }
    }
    return plays
  }

  /// A meaningful call or meeting on or after the response, with the contact who gave the score when
  /// the response names one.
  private func isFollowedUp(_ response: NPSResponse, in account: Account) -> Bool {
    let contact = response.contact.map { $0.lowercased() }
    return account.touchpoints.contains { touch in
      !touch.meta.isRetracted && touch.date <= today && touch.date >= response.date && touch.isMeaningful
        && touch.kind.isCallOrMeeting
        && (contact.map { name in touch.participants.contains { $0.lowercased() == name } } ?? true)
    }
  }

  /// A survey once a quarter: due `nps.survey-days` after the last response (or the account's start).
  private func npsSurvey(_ account: Account) -> [Play] {
    let last =
      account.npsResponses.filter { !$0.meta.isRetracted && $0.date <= today }.map(\.date).max() ?? account.startDay
    let interval = config.days("nps.survey-days")
    return [play(account, .npsSurvey, "NPS survey (every \(interval) days)", due: last.adding(days: interval))]
  }

  // MARK: Renewal, handoff, value

  /// Before the renewal date: the renewal conversation, due `renewal.window-days` before it, closed only
  /// by an entry marked for it (or an outcome recorded) on or after 30 days before that. After it, with
  /// no outcome recorded (an outcome moves the date on): the outcome, overdue.
  private func renewal(_ account: Account, _ touches: LiveTouchpoints) -> [Play] {
    guard let renewal = account.renewal else { return [] }
    if renewal < today {
      return [play(account, .renewalOutcome, "record the outcome of the renewal due \(renewal)", due: renewal)]
    }
    let due = renewal.adding(days: -config.days("renewal.window-days"))
    guard today >= due.adding(days: -30) else { return [] }
    let since = due.adding(days: -30)
    let held =
      touches.contains { $0.closes == .renewalConversation && $0.date >= since }
      || account.renewals.contains { !$0.meta.isRetracted && $0.date >= since && $0.date <= today }
    return held ? [] : [play(account, .renewalConversation, "renewal conversation (renews \(renewal))", due: due)]
  }

  /// After a handoff, a call or meeting in which both the previous and the new owner take part, as its
  /// writer or among its participants.
  private func handoff(_ account: Account) -> [Play] {
    guard let last = account.ownerChanges.last(where: \.isHandoff) else { return [] }
    let owners = [last.from, last.to].compactMap { $0?.lowercased() }
    let called = account.touchpoints.contains { touch in
      guard !touch.meta.isRetracted, touch.date <= today, touch.date >= last.day,
        touch.kind.isCallOrMeeting || touch.kind == .handoffCall
      else { return false }
      let present = Set(([touch.meta.recordedBy] + touch.participants).map { $0.lowercased() })
      return owners.allSatisfy(present.contains)
    }
    guard !called else { return [] }
    return [
      play(
        account, .handoffCall, "joint handoff call \(last.from ?? "–") → \(last.to ?? "–")",
        due: last.day.adding(days: config.days("handoff.call-days")), owner: last.to)
    ]
  }

  /// An urgent ticket open: the owner calls within a day of its opening.
  private func urgentTickets(_ account: Account) -> [Play] {
    account.tickets.filter { $0.isUrgentAndOpen(on: today) }.compactMap { ticket in
      let called = account.touchpoints.contains { touch in
        !touch.meta.isRetracted && touch.date <= today && touch.date >= ticket.opened && touch.isMeaningful
          && touch.kind.isCallOrMeeting
      }
      return called
        ? nil
        : play(account, .urgentTicket, "call about urgent ticket \(ticket.ticket)", due: ticket.opened.adding(days: 1))
    }
  }

  private func valueNote(_ account: Account) -> [Play] {
    guard account.tier < 3 else { return [] }
    let last =
      account.valueNotes.filter { !$0.meta.isRetracted && $0.date <= today }.map(\.date).max() ?? account.startDay
    let interval = config.days("value.note-days")
    return [
      play(account, .valueNote, "value-delivered note (every \(interval) days)", due: last.adding(days: interval))
    ]
  }

  private func tasks(of account: Account) -> [Play] {
    book.openTasks(of: account).map { task in
      play(account, .task, task.text, due: task.due, owner: task.owner ?? account.owner, taskID: task.id)
    }
  }
}
