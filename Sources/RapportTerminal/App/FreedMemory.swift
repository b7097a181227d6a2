import CNcursesw

/// Gives the pages of freed memory back to the system. Building the first frame of a large book
/// allocates and frees megabytes on several threads, and the allocator keeps freed pages in each
/// thread's arena; a dashboard then idles for hours beside a hundred others, so each one's resident
/// memory should be what it holds, not what it once held.
enum FreedMemory {
  static func release() { rp_release_freed_memory() }
}
