import RapportDomain

extension Dashboard {
  /// `U` and what follows it: the question, the undo itself, its result.
  mutating func reduceUndo(_ action: Action) -> [Effect] {
    switch action {
    case .undo:
      if let refusal = environment().writeRefusal(for: "undo") { return [.say(refusal), .redraw] }
      guard let step = state.undo.next(in: desk.book) else {
        let said =
          state.undo.saves.isEmpty
          ? "nothing to undo: U undoes what you save in this dashboard, and you have saved nothing yet"
          : "nothing to undo: what you saved in this dashboard is already undone or cannot be (owner, stage)"
        return [.say(said), .redraw]
      }
      return [
        .present(.confirm(Confirmation(question: step.question, onYes: .undoEntry(step), onNo: "kept"))), .redraw,
      ]
    case .undoEntry(let step): return [.perform(step.command, for: .undo(step))]
    case .saved(let records, for: .undo(let step)):
      let effects = absorbSaved(records, keeping: step.keeps ?? selection?.account.slug)
      return effects + [.say(step.done(as: records.first?.seq ?? 0)), .redraw]
    case .refused(let reason, for: .undo(let step)): return [.say("cannot undo \(step.entry): \(reason)"), .redraw]
    default: return []
    }
  }
}
