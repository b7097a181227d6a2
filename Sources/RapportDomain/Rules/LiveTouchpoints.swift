/// An account's touchpoints that are not retracted and not after `today`, through their `TouchFacts`.
struct LiveTouchpoints {
  let facts: BookList<TouchFacts>
  let today: Day

  func contains(where matches: (TouchFacts) -> Bool) -> Bool {
    facts.contains { !$0.isRetracted && $0.date <= today && matches($0) }
  }

  func latestDate(where matches: (TouchFacts) -> Bool) -> Day? {
    var latest: Day?
    for fact in facts where !fact.isRetracted && fact.date <= today && matches(fact) {
      if latest.map({ fact.date > $0 }) ?? true { latest = fact.date }
    }
    return latest
  }

  func earliestDate(where matches: (TouchFacts) -> Bool) -> Day? {
    var earliest: Day?
    for fact in facts where !fact.isRetracted && fact.date <= today && matches(fact) {
      if earliest.map({ fact.date < $0 }) ?? true { earliest = fact.date }
    }
    return earliest
  }
}
