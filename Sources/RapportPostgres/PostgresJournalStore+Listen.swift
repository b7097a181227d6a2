import Glibc
import RapportJournal

extension PostgresJournalStore {
  /// The channel the journal's trigger notifies after each committed INSERT (the payload is the last
  /// seq written): see `Triggers.notifyFunction`.
  public static let changeChannel = "rapport_journal"

  /// The socket of a connection listening on `rapport_journal`, opened on the first call: readable
  /// when another writer commits. Nil while it cannot be opened (the follower then reads on its timer,
  /// as it does for a file); a lost connection is opened again on a later call.
  public func changeDescriptor() -> Int32? { listener.descriptor() }

  /// Reads the notifications that arrived; true when there were any, when listening has just begun
  /// or the connection was lost (appends may have gone unannounced), or when the journal has not been
  /// read for `Listener.safetyMilliseconds` (a safety net: a connection pooler in transaction mode
  /// accepts `LISTEN` and never delivers).
  public func consumeChanges() -> Bool { listener.consume() }

  /// The listening connection: separate from the one that scans and appends, whose socket is busy
  /// with results while a COPY runs and which must not deliver notifications in the middle of one.
  ///
  /// Used from the follower's thread only (libpq's rule for one connection).
  final class Listener {
    /// The least time between two attempts to connect while the server cannot be reached: an attempt
    /// blocks the follower for as long as libpq takes to fail.
    static let retryMilliseconds: UInt64 = 5000
    /// The longest time between two reads the listener asks for while no commit is announced.
    static let safetyMilliseconds: UInt64 = 10_000

    private let connectionString: String
    private var connection: PostgresConnection?
    /// When the last attempt to connect failed (monotonic milliseconds); nil to try at once.
    private var failedAt: UInt64?
    /// When `consume` last asked for a read, or listening began (monotonic milliseconds).
    private var askedAt: UInt64 = 0
    /// Listening has just begun: what was committed before it was never announced.
    private var begun = false

    init(connectionString: String) { self.connectionString = connectionString }

    /// The listening socket, connecting (again) first when needed and allowed.
    func descriptor() -> Int32? {
      if let connection, connection.isOpen, connection.socket >= 0 { return connection.socket }
      drop()
      if let failedAt, Self.now() - failedAt < Self.retryMilliseconds { return nil }
      do {
        let opened = try PostgresConnection(connectionString)
        // A follower is usually a full-screen dashboard: nothing may reach its stderr.
        opened.discardNotices()
        try opened.listen(PostgresJournalStore.changeChannel)
        connection = opened
        failedAt = nil
        begun = true
        return opened.socket
      } catch {
        failedAt = Self.now()
        return nil
      }
    }

    /// Drains the socket; whether the journal should be read (see `consumeChanges`).
    func consume() -> Bool {
      guard let connection else { return false }
      do {
        let received = try connection.notifications()
        guard connection.isOpen else {
          drop()
          return true
        }
        let now = Self.now()
        guard !received.isEmpty || begun || now - askedAt >= Self.safetyMilliseconds else { return false }
        begun = false
        askedAt = now
        return true
      } catch {
        // Lost (the server restarted, the backend was terminated): the next `descriptor()` connects
        // again at once, and the caller reads whatever was announced meanwhile.
        drop()
        return true
      }
    }

    private func drop() {
      connection?.close()
      connection = nil
    }

    private static func now() -> UInt64 {
      var time = timespec()
      clock_gettime(CLOCK_MONOTONIC, &time)
      return UInt64(time.tv_sec) * 1000 + UInt64(time.tv_nsec) / 1_000_000
    }
  }
}
