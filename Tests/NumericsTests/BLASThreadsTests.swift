import Numerics
import Testing

@Suite("BLASThreads")
struct BLASThreadsTests {
  @Test("set to one thread")
  func setOne() {
    // Only 1 is set here: a higher count would slow the tests that run in parallel.
    BLASThreads.set(1)
    #expect(BLASThreads.count == 1)
    BLASThreads.set(0)
    #expect(BLASThreads.count == 1)
  }
}
