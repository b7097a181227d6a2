/// Whose figures a metric window computes.
///
/// An owner is judged on their own time: an event (an NPS response, a ticket, a check-in or QBR due, a
/// first value) counts for whoever owned the account on its business date, and an account's place in the
/// client counts (retention, revenue, contract value) goes to whoever owned it on its decisive day: the
/// day it churned when it churned by the window's end, else the window's end. So a client that churned
/// while bob owned it stays bob's churn after it is handed to alice.
public enum Attribution: Sendable, Equatable {
  /// The whole book.
  case everyone
  /// One owner's share (nil: the times without an owner).
  case owner(String?)
}
