import StreamTune
import TestSupport
import Testing

@Suite("Design-space cardinality")
struct SearchSpaceCardinalityTests {
  typealias Support = SearchSpaceTestSupport

  @Test("BigCount multiplies past 64 bits")
  func bigCountProducts() {
    var power = BigCount.one
    for _ in 0..<100 { power = power * BigCount(2) }
    #expect(power.description == "1267650600228229401496703205376")
    #expect(abs(power.log10Value - 30.10299956639812) < 1e-9)
    #expect(power.uint64Value == nil)
    let sum = BigCount(UInt64.max) + BigCount(1)
    #expect(sum.description == "18446744073709551616")
    #expect(
      BigCount(UInt64(999_999_999)) * BigCount(UInt64(1_000_000_001))
        == BigCount(UInt64(999_999_999_999_999_999)))
    #expect(BigCount.zero.description == "0")
    #expect(BigCount(UInt64(12)) < BigCount(UInt64(13)))
  }

  @Test("Independent variables multiply")
  func independentProduct() throws {
    let variables = [
      DesignVariable(
        name: "order", parameter: .loopOrder, kernels: ["a"],
        values: LoopOrder.names.map(DesignValue.string)),
      DesignVariable(
        name: "fifo", parameter: .fifoEqualisation,
        values: [.string("normal"), .string("conservative")]),
      DesignVariable(
        name: "ch", parameter: .channels, kernels: ["b"], values: [1, 2, 4, 8].map(DesignValue.int)),
    ]
    let space = try DesignSpace(
      variables: variables, defaults: DesignDefaults(), graph: Support.chainGraph(),
      tokenLoops: Support.chainTokenLoops)
    #expect(space.cardinality == BigCount(24))
    #expect(Support.bruteForceCount(space) == 24)
  }

  @Test("Unroll at most tile on the same loop")
  func unrollBelowTile() throws {
    let variables = [
      DesignVariable(
        name: "tile", parameter: .tile, kernels: ["a", "c"], loop: "n",
        values: [4, 8, 16].map(DesignValue.int)),
      DesignVariable(
        name: "unroll", parameter: .unroll, kernels: ["a"], loop: "n",
        values: [1, 4, 8, 16].map(DesignValue.int)),
    ]
    let space = try DesignSpace(
      variables: variables, defaults: DesignDefaults(), graph: Support.chainGraph(),
      tokenLoops: Support.chainTokenLoops)
    // tile 4: unroll 1, 4; tile 8: 1, 4, 8; tile 16: all four.
    #expect(space.cardinality == BigCount(9))
    #expect(Support.bruteForceCount(space) == 9)
    #expect(!space.isValid([0, 2]))
    #expect(space.isValid([2, 3]))
  }

  @Test("Inactive variables count once")
  func conditionalVariables() throws {
    let variables = [
      DesignVariable(
        name: "policy", parameter: .fusionPolicy,
        values: [.string("greedy"), .string("explicit"), .string("all")]),
      DesignVariable(
        name: "fuse_ab", parameter: .fuse, edges: [EdgeName("a", "b")],
        values: [.bool(false), .bool(true)],
        condition: .init(controller: 0, controllerName: "policy", activeValueIndices: [1])),
      DesignVariable(
        name: "fuse_bc", parameter: .fuse, edges: [EdgeName("b", "c")],
        values: [.bool(false), .bool(true)],
        condition: .init(controller: 0, controllerName: "policy", activeValueIndices: [1])),
    ]
    let space = try DesignSpace(
      variables: variables, defaults: DesignDefaults(), graph: Support.chainGraph(),
      tokenLoops: Support.chainTokenLoops)
    // greedy and all: 1 each; explicit: 4.
    #expect(space.cardinality == BigCount(6))
    #expect(Support.bruteForceCount(space) == 6)
  }

  @Test("Lane budget sums kernel lane products")
  func laneBudget() throws {
    let variables = [
      DesignVariable(
        name: "un", parameter: .unroll, kernels: ["a", "b"], loop: "n",
        values: [1, 2, 4, 8].map(DesignValue.int)),
      DesignVariable(
        name: "uk", parameter: .unroll, kernels: ["a"], loop: "k",
        values: [1, 4, 16].map(DesignValue.int)),
      DesignVariable(
        name: "uc", parameter: .unroll, kernels: ["c"], loop: "k",
        values: [1, 8, 32].map(DesignValue.int)),
    ]
    let space = try DesignSpace(
      variables: variables, defaults: DesignDefaults(), graph: Support.chainGraph(),
      tokenLoops: Support.chainTokenLoops, maxTotalUnroll: 40)
    var expected = 0
    for un in [1, 2, 4, 8] {
      for uk in [1, 4, 16] {
        for uc in [1, 8, 32] where un * uk + un + uc <= 40 { expected += 1 }
      }
    }
    #expect(space.cardinality == BigCount(expected))
    #expect(Support.bruteForceCount(space) == expected)
    #expect(space.totalLanes([3, 1, 1]) == 8 * 4 + 8 + 8)
  }

  @Test("Random small spaces match brute force", arguments: 1...40)
  func randomSpaces(seed: Int) throws {
    var generator = SeededGenerator(seed: UInt64(seed))
    let space = try randomSpace(using: &generator)
    let brute = Support.bruteForceCount(space)
    #expect(space.cardinality == BigCount(brute), "seed \(seed)")
  }

  @Test("Design points carry values and defaults")
  func designPointMapping() throws {
    let defaults = DesignDefaults(
      tileByLoop: ["n": 16], unrollByLoop: ["k": 2], loopOrder: .reductionInner,
      fusionPolicy: .greedy, fusionBudgetBytes: 1000)
    let variables = [
      DesignVariable(
        name: "policy", parameter: .fusionPolicy, values: [.string("greedy"), .string("explicit")]),
      DesignVariable(
        name: "fuse_ac", parameter: .fuse, edges: [EdgeName("a", "c")],
        values: [.bool(true), .bool(false)],
        condition: .init(controller: 0, controllerName: "policy", activeValueIndices: [1])),
      DesignVariable(
        name: "tile_a", parameter: .tile, kernels: ["a"], loop: "n",
        values: [8, 32].map(DesignValue.int)),
      DesignVariable(
        name: "lutram", parameter: .lutramMaxBits, values: [512, 2048].map(DesignValue.int)),
    ]
    let space = try DesignSpace(
      variables: variables, defaults: defaults, graph: Support.chainGraph(),
      tokenLoops: Support.chainTokenLoops)

    let greedy = space.designPoint(for: [0, 1, 1, 0])
    #expect(greedy.fusion == .greedy(budgetBytes: 1000))
    #expect(greedy.design(of: "a").tile["n"] == 32)
    #expect(greedy.design(of: "b").tile["n"] == 16)
    #expect(greedy.design(of: "c").unroll["k"] == 2)
    #expect(greedy.design(of: "c").loopOrder == .reductionInner)
    #expect(greedy.memoryBinding.lutramMaxBits == 512)

    let explicit = space.designPoint(for: [1, 1, 0, 1])
    #expect(explicit.fusion == .unfused([EdgeName("a", "c")]))
    #expect(explicit.design(of: "a").tile["n"] == 8)
    #expect(explicit.memoryBinding.lutramMaxBits == 2048)
    #expect(space.designPoint(for: [1, 0, 0, 0]).fusion == .unfused([]))
  }

  /// A space of 2 to 6 variables over the chain graph, with coupled tiles and unrolls,
  /// conditions, memory thresholds and sometimes a lane budget.
  private func randomSpace(using generator: inout SeededGenerator) throws -> DesignSpace {
    let kernels = ["a", "b", "c"]
    var variables: [DesignVariable] = [
      DesignVariable(
        name: "policy", parameter: .fusionPolicy,
        values: [.string("greedy"), .string("explicit"), .string("all")])
    ]
    var used = Set<String>()
    let count = Int.random(in: 2...5, using: &generator)
    for index in 0..<count {
      let pick = Int.random(in: 0..<4, using: &generator)
      let loop = ["n", "k"].randomElement(using: &generator)!
      let targets = kernels.filter { _ in Bool.random(using: &generator) }
      let chosen = targets.isEmpty ? [kernels.randomElement(using: &generator)!] : targets
      let condition: DesignVariable.Condition? =
        Bool.random(using: &generator)
        ? .init(
          controller: 0, controllerName: "policy",
          activeValueIndices: [Int.random(in: 0..<3, using: &generator)])
        : nil
      switch pick {
      case 0, 1:
        let parameter: DesignParameter = pick == 0 ? .tile : .unroll
        let keys = chosen.map { "\(parameter.rawValue).\($0).\(loop)" }
        guard used.isDisjoint(with: keys) else { continue }
        used.formUnion(keys)
        let ladder = parameter == .tile ? [4, 8, 16, 32] : [1, 2, 4, 8, 16, 32]
        let values = ladder.filter { _ in Bool.random(using: &generator) }
        variables.append(
          DesignVariable(
            name: "v\(index)", parameter: parameter, kernels: chosen, loop: loop,
            values: (values.isEmpty ? [ladder[0]] : values).map(DesignValue.int),
            condition: condition))
      case 2:
        guard used.insert("lutram").inserted else { continue }
        variables.append(
          DesignVariable(
            name: "v\(index)", parameter: .lutramMaxBits,
            values: [256, 1024, 200_000].map(DesignValue.int),
            condition: condition))
      default:
        guard used.insert("uram").inserted else { continue }
        variables.append(
          DesignVariable(
            name: "v\(index)", parameter: .uramMinBits,
            values: [512, 4096, 147_456].map(DesignValue.int),
            condition: condition))
      }
    }
    let budget: Int? =
      Bool.random(using: &generator) ? Int.random(in: 3...200, using: &generator) : nil
    let defaults = DesignDefaults(tileByLoop: Bool.random(using: &generator) ? ["n": 8] : [:])
    return try DesignSpace(
      variables: variables, defaults: defaults, graph: Support.chainGraph(),
      tokenLoops: Support.chainTokenLoops, maxTotalUnroll: budget)
  }
}
