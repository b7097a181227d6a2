/// Which column of a file holds which field: found from the header by name (case-insensitively, ignoring
/// spaces and punctuation), with `--map FIELD=COLUMN` overrides.
public struct HeaderMapping: Sendable, Equatable {
  public struct Column: Sendable, Equatable {
    public var field: ImportField
    /// The header as written in the file.
    public var header: String
    /// 0-based index of the column.
    public var index: Int
  }

  public var kind: ImportKind
  /// Mapped fields, in the kind's field order.
  public var columns: [Column]
  /// Headers no field uses, as written.
  public var ignored: [String]
  /// The ignored headers that hold a figure of the client company itself (its annual revenue, its number
  /// of employees), as written: never read as a contract value, and said so in the import's report.
  public var companyFigures: [String] = []
  /// The export the header looks like ("a HubSpot companies export"), when recognised.
  public var source: String?

  public func column(of field: ImportField) -> Column? { columns.first { $0.field == field } }

  /// Whether a (normalised) header names a figure of the client company rather than of its contract:
  /// "Annual Revenue", "Revenue", "Number of Employees", "Employee count", "Headcount". Recurring revenue
  /// ("Annual recurring revenue", ARR) is the contract's and is not one of them.
  public static func isCompanyFigure(_ normalisedHeader: String) -> Bool {
    let name = normalisedHeader
    if name.contains("employee") || name.contains("headcount") || name == "companysize" { return true }
    return name.contains("revenue") && !name.contains("recurringrevenue")
  }

  /// Makes a header comparable: lowercased, letters and digits only.
  public static func normalised(_ header: String) -> String {
    String(
      String.UnicodeScalarView(
        header.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
  }

  /// Maps `header` for `kind`. `overrides` (field → column name; an empty name unmaps the field) win over
  /// the names found. Throws `ImportProblem`s for an override naming no column and for a required field
  /// with no column.
  public static func map(
    header: CSVRecord, kind: ImportKind, overrides: [ImportField: String] = [:], file: String
  ) throws(ImportProblems) -> HeaderMapping {
    let names = header.fields.map(normalised)
    var used = Set<Int>()
    var columns: [Column] = []
    var problems: [ImportProblem] = []
    // Overrides first, so that a name they take is not also found for another field.
    var chosen: [ImportField: Int] = [:]
    for field in kind.fields {
      guard let wanted = overrides[field] else { continue }
      if wanted.isEmpty {
        chosen[field] = -1
        continue
      }
      let key = normalised(wanted)
      if kind == .accounts, field == .value, isCompanyFigure(key) {
        problems.append(
          ImportProblem(
            file: file, line: header.line, column: 1, field: field.name,
            message:
              "--map value=\(wanted): \"\(wanted)\" is a figure of the client company (its revenue or head count), never a contract value; name a contract column (deal amount, contract value, ACV, ARR)"
          ))
        continue
      }
      if let index = header.fields.firstIndex(of: wanted) ?? names.firstIndex(of: key) {
        chosen[field] = index
        used.insert(index)
      } else {
        problems.append(
          ImportProblem(
            file: file, line: header.line, column: 1, field: field.name,
            message:
              "--map \(field.name)=\(wanted): the header has no column \"\(wanted)\" (it has: \(header.fields.map { "\"\($0)\"" }.joined(separator: ", ")))"
          ))
      }
    }
    for field in kind.fields where chosen[field] == nil {
      for alias in field.aliases(in: kind) {
        let key = normalised(alias)
        if let index = names.indices.first(where: { names[$0] == key && !used.contains($0) }) {
          chosen[field] = index
          used.insert(index)
          break
        }
      }
      // "How likely are you to recommend us to a friend?" is the NPS question itself.
      if chosen[field] == nil, field == .score,
        let index = names.indices.first(where: { names[$0].contains("recommend") && !used.contains($0) })
      {
        chosen[field] = index
        used.insert(index)
      }
    }
    for field in kind.fields {
      guard let index = chosen[field], index >= 0 else { continue }
      columns.append(Column(field: field, header: header.fields[index], index: index))
    }
    let ignored = header.fields.indices.filter { !used.contains($0) }
    let mapping = HeaderMapping(
      kind: kind, columns: columns, ignored: ignored.map { header.fields[$0] },
      companyFigures: kind == .accounts ? ignored.filter { isCompanyFigure(names[$0]) }.map { header.fields[$0] } : [],
      source: recognisedSource(names, kind: kind))
    problems += mapping.missingRequired(header: header, file: file)
    guard problems.isEmpty else { throw ImportProblems(problems) }
    return mapping
  }

  private func missingRequired(header: CSVRecord, file: String) -> [ImportProblem] {
    func has(_ field: ImportField) -> Bool { column(of: field) != nil }
    var missing: [[ImportField]] = []
    switch kind {
    case .accounts: if !has(.account) && !has(.name) { missing.append([.name, .account]) }
    case .contacts:
      if !has(.account) { missing.append([.account]) }
      if !has(.name) && !has(.firstName) && !has(.lastName) && !has(.email) { missing.append([.name, .email]) }
    case .usage: missing += [[.account], [.date], [.value]].filter { !has($0[0]) }
    case .tickets: missing += [[.ticket], [.account], [.opened]].filter { !has($0[0]) }
    case .nps:
      missing += [[.score], [.date]].filter { !has($0[0]) }
      if !has(.account) && !has(.email) { missing.append([.account, .email]) }
    }
    return missing.map { fields in
      let accepted = fields.flatMap { $0.aliases(in: kind) }.map { "\"\($0)\"" }
      let names = fields.map(\.name).joined(separator: " or ")
      return ImportProblem(
        file: file, line: header.line, column: 1, field: fields[0].name,
        message:
          "no column for \(names): name one \(accepted.prefix(8).joined(separator: ", ")) (any case), or say which with --map \(fields[0].name)=COLUMN"
      )
    }
  }

  private static func recognisedSource(_ names: [String], kind: ImportKind) -> String? {
    let set = Set(names)
    switch kind {
    case .accounts:
      if set.contains("recordid") && (set.contains("companyname") || set.contains("lifecyclestage")) {
        return "a HubSpot companies export"
      }
      if set.contains("accountname") && (set.contains("accountowner") || set.contains("accountid")) {
        return "a Salesforce accounts report"
      }
    case .tickets:
      if set.contains("id") && (set.contains("requester") || set.contains("solvedat")) {
        return "a Zendesk tickets export"
      }
    case .nps:
      if set.contains("email") && set.contains("score") && !set.contains("account") { return "a survey export" }
    default: break
    }
    if set.contains("account") { return "Rapport's own columns" }
    return nil
  }
}
