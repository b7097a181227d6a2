import RapportDomain

struct UsageKey: Hashable {
  var slug: String
  var day: Int
  var value: Double
}
