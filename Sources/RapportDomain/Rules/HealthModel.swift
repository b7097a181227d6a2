/// Computes health scores: a pure function of an account, today and the configuration.
public struct HealthModel: Sendable {
  public let today: Day
  public let config: RulesConfig

  public init(today: Day, config: RulesConfig) {
    self.today = today
    self.config = config
  }

  /// How many measures must enter the mean (the touch measure among those with data) for green.
  public static let evidenceNeeded = 3

  public func score(_ account: Account) -> HealthScore {
    let readings = [touch(account), usage(account), tickets(account), nps(account), criteria(account)]
    // One pass over the readings with data and weight (every account is scored twice on every board).
    var totalWeight = 0.0
    var weightedSum = 0.0
    var scoredCount = 0
    var weakest: (shortfall: Double, measure: Measure)?
    for reading in readings where reading.weight > 0 {
      guard let score = reading.score else { continue }
      totalWeight += reading.weight
      weightedSum += Double(score) * reading.weight
      scoredCount += 1
      // The largest weighted shortfall; the first of equals.
      guard score < 100 else { continue }
      let gap = shortfall(reading)
      if weakest.map({ gap > $0.shortfall }) ?? true { weakest = (gap, reading.measure) }
    }
    guard totalWeight > 0 else {
      return HealthScore(
        readings: readings, score: nil, health: .unknown, weakest: nil, measuresWithData: 0, isThin: false,
        band: .unknown)
    }
    let score = Int((weightedSum / totalWeight).rounded())
    let band: Health =
      Double(score) >= config["health.green"] ? .green : Double(score) >= config["health.yellow"] ? .yellow : .red
    // Missing data is never good news: green needs the touch measure and three measures in the mean.
    let touched = readings[0].hasData
    let isThin = !touched || scoredCount < Self.evidenceNeeded
    let health: Health = isThin && band == .green ? .yellow : band
    return HealthScore(
      readings: readings, score: score, health: health, weakest: weakest?.measure, measuresWithData: scoredCount,
      isThin: isThin, band: band)
  }

  private func shortfall(_ reading: MeasureReading) -> Double { reading.weight * Double(100 - (reading.score ?? 100)) }

  private func weight(_ measure: Measure) -> Double { config[measure.weightKey] }

  private func noData(_ measure: Measure) -> MeasureReading {
    MeasureReading(measure: measure, detail: .noData, rawValue: nil, score: nil, weight: weight(measure))
  }

  /// Days since the last meaningful touchpoint against the tier's check-in interval C: ≤ C 100,
  /// ≤ 2C 50, more 0. An account never meaningfully touched is measured on the same curve from its
  /// signature date (from the day it was created when it has none, or when the signature lies after
  /// today): never touched is not "no data". No data only before the account's start: neither a touch
  /// nor a start on or before today.
  func touch(_ account: Account) -> MeasureReading {
    let interval = config.checkInDays(tier: account.tier)
    let since: Day
    let detail: (Int) -> MeasureReading.Detail
    if let last = account.lastMeaningfulTouchDate(onOrBefore: today) {
      since = last
      detail = { .touched(days: $0, every: interval) }
    } else if let signed = account.signed, signed <= today {
      since = signed
      detail = { .neverTouched(days: $0, sinceSignature: true, every: interval) }
    } else if account.createdDay <= today {
      since = account.createdDay
      detail = { .neverTouched(days: $0, sinceSignature: false, every: interval) }
    } else {
      return noData(.touch)
    }
    let days = today.days(since: since)
    let score = days <= interval ? 100 : days <= 2 * interval ? 50 : 0
    return MeasureReading(
      measure: .touch, detail: detail(days), rawValue: Double(days), score: score, weight: weight(.touch))
  }

  /// Mean usage of the last window against the window before: steady or up 100, down by the warning
  /// share 50, down by the alert share 0.
  func usage(_ account: Account) -> MeasureReading {
    guard let change = usageChange(account) else { return noData(.usage) }
    let drop = -change.percent
    let score = drop >= config["usage.drop-alert"] ? 0 : drop >= config["usage.drop-warn"] ? 50 : 100
    return MeasureReading(
      measure: .usage, detail: .usage(percent: change.percent, before: change.before, after: change.after),
      rawValue: change.percent, score: score, weight: weight(.usage))
  }

  /// The change in mean usage between the two windows, in percent; nil without samples in both.
  public func usageChange(_ account: Account) -> (percent: Double, before: Double, after: Double)? {
    let window = config.days("usage.window-days")
    // One pass, no intermediate arrays: this runs for every account on every board.
    var recent = (sum: 0.0, count: 0)
    var earlier = (sum: 0.0, count: 0)
    account.usage.visit { sample in
      guard !sample.pointee.meta.isRetracted else { return }
      let age = today.days(since: sample.pointee.date)
      if age < 0 || age >= 2 * window { return }
      if age < window {
        recent = (recent.sum + sample.pointee.value, recent.count + 1)
      } else {
        earlier = (earlier.sum + sample.pointee.value, earlier.count + 1)
      }
    }
    guard recent.count > 0, earlier.count > 0 else { return nil }
    let after = recent.sum / Double(recent.count)
    let before = earlier.sum / Double(earlier.count)
    let percent = before == 0 ? (after == 0 ? 0 : 100) : (after - before) / before * 100
    return ((percent * 10).rounded() / 10, before, after)
  }

  /// Tickets opened in the last window against the one before: flat or down 100, up 50, at least
  /// doubled and at least `tickets.spike-min` 0. No data for an account that never had a ticket.
  func tickets(_ account: Account) -> MeasureReading {
    guard let counts = ticketCounts(account) else { return noData(.tickets) }
    let score = counts.recent <= counts.earlier ? 100 : isSpike(counts) ? 0 : 50
    return MeasureReading(
      measure: .tickets,
      detail: .tickets(recent: counts.recent, days: config.days("usage.window-days"), earlier: counts.earlier),
      rawValue: Double(counts.recent), score: score, weight: weight(.tickets))
  }

  public func ticketCounts(_ account: Account) -> (recent: Int, earlier: Int)? {
    let window = config.days("usage.window-days")
    var any = false
    var recent = 0
    var earlier = 0
    account.tickets.visit { ticket in
      guard !ticket.pointee.meta.isRetracted else { return }
      let age = today.days(since: ticket.pointee.opened)
      if age < 0 { return }
      any = true
      if age < window { recent += 1 } else if age < 2 * window { earlier += 1 }
    }
    return any ? (recent, earlier) : nil
  }

  func isSpike(_ counts: (recent: Int, earlier: Int)) -> Bool {
    counts.recent >= 2 * counts.earlier && Double(counts.recent) >= config["tickets.spike-min"]
  }

  /// The last response within the NPS window: 9–10 100, 7–8 60, 0–6 0.
  func nps(_ account: Account) -> MeasureReading {
    let window = config.days("nps.window-days")
    // The latest by day, then by journal position.
    var last: NPSResponse?
    account.npsResponses.visit { response in
      let candidate = response.pointee
      guard !candidate.meta.isRetracted, candidate.date <= today, today.days(since: candidate.date) <= window else {
        return
      }
      if last.map({ ($0.date, $0.meta.seq) < (candidate.date, candidate.meta.seq) }) ?? true { last = candidate }
    }
    guard let last else { return noData(.nps) }
    let score = last.isPromoter ? 100 : last.isDetractor ? 0 : 60
    return MeasureReading(
      measure: .nps, detail: .nps(score: last.score, on: last.date, contact: last.contact),
      rawValue: Double(last.score), score: score, weight: weight(.nps))
  }

  /// Criteria met against those due by today: all 100, some 50, none 0; no data when none is due.
  func criteria(_ account: Account) -> MeasureReading {
    var due = 0
    var met = 0
    account.criteria.visit { criterion in
      guard !criterion.pointee.meta.isRetracted, let target = criterion.pointee.target, target <= today else { return }
      due += 1
      if criterion.pointee.isMet && (criterion.pointee.meeting?.day ?? today) <= today { met += 1 }
    }
    guard due > 0 else { return noData(.criteria) }
    let score = met == due ? 100 : met > 0 ? 50 : 0
    return MeasureReading(
      measure: .criteria, detail: .criteria(met: met, due: due), rawValue: Double(met), score: score,
      weight: weight(.criteria))
  }
}
