import Foundation
import StreamTune
import Testing

@Suite("Search-space loading")
struct SearchSpaceLoaderTests {
  typealias Support = SearchSpaceTestSupport

  @Test("Shipped space loads", arguments: SearchSpaceTestSupport.shippedSpaces)
  func shippedSpaceLoads(_ name: String) throws {
    let space = try SearchSpaceLoader.load(path: Support.searchSpacesFolder + "/" + name)
    #expect(!space.design.variables.isEmpty)
    #expect(!space.design.cardinality.isZero)
    #expect(!space.objectives.isEmpty)
    #expect(space.model.parameterCount > 0)
    #expect(!space.prefillGraph.kernels.isEmpty)
    #expect(space.contentHashHex.count == 16)
  }

  @Test("Default space resolves its sections")
  func defaultSpaceSections() throws {
    let space = try SearchSpaceLoader.load(
      path: Support.searchSpacesFolder + "/gpt2-medium-u55c.json")
    #expect(space.model.name == "gpt2-medium")
    #expect(space.model.hiddenSize == 1024)
    #expect(space.precision == .w4a8)
    #expect(space.workload.requests.first == Request(inputTokens: 32, outputTokens: 32))
    #expect(space.workload.lmHead == .host)
    #expect(space.platform.name == "u55c")
    #expect(space.platform.clockMHz == 250)
    #expect(space.search.strategy == "anneal")
    #expect(space.search.budget == 2000)
    #expect(space.prefillGraph.phase == .prefill(tokens: 512))
    #expect(space.decodeGraph.phase == .decode(context: 640))

    let tile = try #require(space.design.variables.first { $0.name == "ffn_tile_n" })
    #expect(tile.kernels == ["fc1", "fc2"])
    #expect(tile.isPowerOfTwoLadder)
    let gemmOrder = try #require(space.design.variables.first { $0.name == "gemm_loop_order" })
    #expect(Set(gemmOrder.kernels) == ["qkv_proj", "o_proj", "fc1", "fc2"])
    let fuse = try #require(space.design.variables.first { $0.name == "fuse_mlp_in" })
    #expect(fuse.condition?.controllerName == "fusion_policy")
  }

  @Test("Tiny space cardinality matches enumeration")
  func tinySpaceExact() throws {
    let space = try SearchSpaceLoader.load(path: Support.searchSpacesFolder + "/tiny-block.json")
    let count = Support.bruteForceCount(space.design)
    #expect(space.design.cardinality == BigCount(count))
    #expect(count > 1 && count <= 5000)
  }

  @Test("Design point applies defaults")
  func designPointDefaults() throws {
    let space = try SearchSpaceLoader.load(path: Support.searchSpacesFolder + "/tiny-block.json")
    let assignment = [Int](repeating: 0, count: space.design.variables.count)
    let point = space.design.designPoint(for: assignment)
    #expect(point.design(of: "norm1").tile["n"] == 32)
    #expect(point.design(of: "q_proj").tile["k"] == 16)
    #expect(point.design(of: "q_proj").unroll["k"] == 1)
    #expect(point.design(of: "attn_score").tile["d"] == 32)
  }

  @Test("Content hash ignores layout")
  func contentHashIgnoresLayout() throws {
    let path = Support.searchSpacesFolder + "/tiny-block.json"
    let original = try SearchSpaceLoader.load(path: path)
    let root = try InputFile.readJSON(at: path)
    let compact = try InputFile.parse(Array(ContentHash.canonicalText(root).utf8), file: path)
    let reloaded = try SearchSpaceLoader.load(compact, file: path)
    #expect(reloaded.contentHash == original.contentHash)

    let edited = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
      .replacingOccurrences(of: "\"seed\": 1", with: "\"seed\": 2")
    let changed = try SearchSpaceLoader.load(
      InputFile.parse(Array(edited.utf8), file: path), file: path)
    #expect(changed.contentHash != original.contentHash)
  }

  @Test("FNV-1a matches published vectors")
  func fnvVectors() {
    #expect(ContentHash.fnv1a64([UInt8]()) == 0xcbf2_9ce4_8422_2325)
    #expect(ContentHash.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
    #expect(ContentHash.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
  }

  static let badModels = [
    ("heads-zero.json", "num_attention_heads"), ("hidden-not-divisible.json", "hidden_size"),
    ("kv-heads-not-dividing.json", "num_key_value_heads"),
    ("negative-layers.json", "num_hidden_layers"),
    ("string-number.json", "hidden_size"), ("missing-hidden-size.json", "hidden_size"),
    ("mixture-of-experts.json", "num_local_experts"), ("float-layers.json", "num_hidden_layers"),
    ("intermediate-zero.json", "intermediate_size"), ("huge-vocab.json", "vocab_size"),
    ("encoder-decoder.json", "model_type"), ("alibi-bloom.json", "model_type"),
    ("array-root.json", "(root)"), ("empty.json", "(file)"), ("truncated.json", "(file)"),
    ("nan-literal.json", "(file)"),
  ]

  @Test("Bad model config names its field", arguments: badModels)
  func badModelReferenced(_ file: String, _ field: String) throws {
    let model = Support.fixturesFolder + "/bad-models/" + file
    let space = Support.spaceText(modelConfig: model)
    do {
      _ = try SearchSpaceLoader.load(
        InputFile.parse(Array(space.utf8), file: "space.json"), file: "space.json")
      Issue.record("a space over \(file) loaded")
    } catch {
      #expect(error.problems.contains { $0.path == field && $0.file == model }, "\(error.problems)")
      #expect(error.problems.contains { $0.path == "model" && $0.file == "space.json" })
    }
  }

  @Test("Schema lists the names the loader accepts")
  func schemaMatchesLoader() throws {
    let schema = try InputFile.readJSON(at: Support.searchSpacesFolder + "/schema.json")
    let properties = try #require(schema["properties"])
    #expect(Set(properties.keys) == Set(SearchSpaceLoader.sectionNames))

    let variable = try #require(properties["design"]?["properties"]?["variables"]?["items"])
    let parameters = variable["properties"]?["parameter"]?["enum"]?.elements?.compactMap(
      \.stringValue)
    #expect(parameters == DesignParameter.names)

    let objective = try #require(properties["objectives"]?["items"]?["oneOf"]?.elements?.first)
    #expect(objective["enum"]?.elements?.compactMap(\.stringValue) == Metric.names)

    let strategies = properties["search"]?["properties"]?["strategy"]?["enum"]?.elements
    #expect(strategies?.compactMap(\.stringValue) == SearchSettings.strategies)
  }
}
