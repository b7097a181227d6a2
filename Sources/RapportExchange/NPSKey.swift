import RapportDomain

struct NPSKey: Hashable {
  var slug: String
  var contact: String
  var day: Int
  var score: Int
}
