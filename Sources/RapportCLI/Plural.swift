/// A count and its noun, singular for one: "1 day", "2 days", "0 records".
func counted(_ count: some BinaryInteger, _ singular: String, plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
