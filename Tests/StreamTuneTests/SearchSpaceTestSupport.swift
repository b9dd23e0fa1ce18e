import Foundation
import StreamTune

/// Paths and builders shared by the search-space and CLI tests.
enum SearchSpaceTestSupport {
  /// The repository root, found from this source file's location.
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static let searchSpacesFolder = repositoryRoot + "/SearchSpaces"
  static let fixturesFolder = repositoryRoot + "/Tests/StreamTuneTests/Fixtures"

  /// The shipped search spaces.
  static let shippedSpaces = [
    "gpt2-medium-u55c.json", "qwen2.5-0.5b-u55c.json", "tinyllama-1.1b-u55c.json",
    "gemma-3-1b-u55c.json", "llama-3.2-1b-u280.json", "tiny-block.json",
  ]

  /// A GEMM kernel with loops m (tokens), n and k (reduction).
  static func gemm(_ name: String, tokens: Int, n: Int, k: Int) -> Kernel {
    let int8 = ElementType.int(bits: 8)
    return Kernel(
      name: name, operation: .gemm,
      loops: [Loop("m", tokens), Loop("n", n), Loop("k", k, .reduction)],
      inputs: [
        Operand(
          name: "\(name)_x", role: .activation, elementType: int8, dimensions: ["m", "k"],
          shape: [tokens, k]),
        Operand(
          name: "\(name)_w", role: .weight, elementType: int8, dimensions: ["n", "k"],
          shape: [n, k]),
      ],
      output: Operand(
        name: "\(name)_y", role: .activation, elementType: int8, dimensions: ["m", "n"],
        shape: [tokens, n]),
      operations: tokens * n * k, isMultiplyAccumulate: true)
  }

  /// A chain of three GEMMs `a -> b -> c` with a bypass edge `a -> c`.
  static func chainGraph() -> BlockGraph {
    BlockGraph(
      phase: .prefill(tokens: 16),
      kernels: [
        gemm("a", tokens: 16, n: 64, k: 32), gemm("b", tokens: 16, n: 32, k: 64),
        gemm("c", tokens: 16, n: 64, k: 32),
      ],
      edges: [
        Edge(producer: 0, consumer: 1, tensor: "ab"), Edge(producer: 1, consumer: 2, tensor: "bc"),
        Edge(producer: 0, consumer: 2, tensor: "ac"),
      ])
  }

  /// Token loops of `chainGraph`.
  static let chainTokenLoops: [String: Set<String>] = ["a": ["m"], "b": ["m"], "c": ["m"]]

  /// Counts valid canonical assignments by visiting every index vector.
  static func bruteForceCount(_ space: DesignSpace) -> Int {
    let counts = space.variables.map(\.values.count)
    var assignment = [Int](repeating: 0, count: counts.count)
    var valid = 0
    while true {
      let canonical = space.variables.indices.allSatisfy {
        space.isActive($0, in: assignment) || assignment[$0] == 0
      }
      if canonical && space.isValid(assignment) { valid += 1 }
      var position = 0
      while position < counts.count {
        assignment[position] += 1
        if assignment[position] < counts[position] { break }
        assignment[position] = 0
        position += 1
      }
      if position == counts.count { return valid }
    }
  }

  /// A minimal valid search space over a given model config, as JSON text.
  static func spaceText(modelConfig: String) -> String {
    """
    {
      "model": {"config": "\(modelConfig)"},
      "precision": {"weight_bits": 8, "activation_bits": 8},
      "workload": {"requests": [[16, 16]]},
      "platform": {"preset": "u55c"},
      "design": {"variables": []},
      "objectives": ["latency_ms"]
    }
    """
  }
}
