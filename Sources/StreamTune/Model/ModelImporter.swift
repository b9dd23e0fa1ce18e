/// Import of dense decoder models from Hugging Face `config.json` files.
///
/// The importer reads each family's own field names (`n_embd` in GPT-2, `ffn_dim` in OPT,
/// `rotary_pct` in GPT-NeoX, ...) and applies the Hugging Face defaults of that family to
/// fields a file leaves out. It rejects architectures the cost model cannot represent
/// (mixture-of-experts, encoder-decoder, ALiBi position bias, unknown families) and reports
/// every invalid field at once.
public enum ModelImporter {
  /// Largest vocabulary accepted; real models stay far below it.
  public static let maxVocabularySize = 10_000_000

  /// Fields whose positive value marks a mixture-of-experts model, checked in this order.
  static let expertFields = [
    "num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts",
    "num_experts_per_tok", "moe_intermediate_size", "moe_topk", "moe_k",
  ]

  /// Encoder-decoder `model_type` values, rejected as encoder-decoder families.
  static let encoderDecoderTypes: Set<String> = [
    "t5", "mt5", "umt5", "longt5", "switch_transformers", "bart", "mbart", "plbart", "pegasus",
    "pegasus_x", "marian", "m2m_100", "nllb_moe", "led", "blenderbot", "blenderbot-small",
    "prophetnet", "fsmt", "bigbird_pegasus", "whisper", "encoder-decoder",
  ]

  /// Reads and validates a model config file.
  ///
  /// - Parameter path: Path of a Hugging Face `config.json`.
  /// - Returns: The architecture, named after the file (or after `_name_or_path` when the file
  ///   is called `config.json`).
  /// - Throws: `InputError` listing every problem: unreadable, empty or invalid JSON (path
  ///   `(file)`), a top level that is not an object (`(root)`), or invalid fields (the field).
  public static func load(path: String) throws(InputError) -> TransformerConfig {
    let root = try InputFile.readJSON(at: path)

    let fileName = path.split(separator: "/").last.map(String.init) ?? path
    var name = fileName.hasSuffix(".json") ? String(fileName.dropLast(5)) : fileName
    if name == "config", let declared = root["_name_or_path"]?.stringValue, !declared.isEmpty {
      name = declared
    }
    return try parse(root, file: path, name: name)
  }

  /// Validates a parsed model config.
  ///
  /// - Parameters:
  ///   - root: The document's top-level value.
  ///   - file: The file name that problems cite.
  ///   - name: The name the returned config carries.
  /// - Returns: The architecture.
  /// - Throws: `InputError` with one problem per invalid field, each with the field name as its
  ///   path, the offending value, and what is allowed.
  public static func parse(_ root: JSONNode, file: String, name: String) throws(InputError)
    -> TransformerConfig
  {
    guard case .object = root.value else {
      let found = ModelConfigReader.typeWithArticle(root.value)
      let message =
        "the top level is \(found), but it must be a JSON object with the model's fields"
      throw InputError(InputProblem(file: file, path: "(root)", message: message, at: root))
    }

    var reader = ModelConfigReader(root: root, file: file)
    let family = resolveFamily(&reader)
    let config = family.flatMap { readArchitecture(&reader, family: $0, name: name) }

    guard let config, reader.problems.isEmpty else {
      throw InputError(reader.problems)
    }
    return config
  }

  /// Determines the family from `model_type`, rejecting unsupported architectures.
  ///
  /// - Returns: The family, or `nil` when the model cannot be imported (with problems
  ///   recorded). A supported family with a mixture-of-experts field returns the family, so
  ///   that its other fields are still checked.
  static func resolveFamily(_ reader: inout ModelConfigReader) -> ModelFamily? {
    let supported = ModelFamily.allCases.map(\.rawValue)
    let typeNode = reader.root["model_type"]
    let modelType = reader.string(["model_type"], default: nil)
    let hasExpertField = checkExperts(&reader)

    if let node = reader.root["is_encoder_decoder"], node.boolValue == true,
      modelType.map(encoderDecoderTypes.contains) != true
    {
      reader.report(
        "is_encoder_decoder",
        "true: encoder-decoder models are not supported; use a decoder-only model", at: node)
    }

    guard let modelType else {
      if typeNode == nil || typeNode?.isNull == true {
        reader.report(
          "model_type",
          "required field missing; set it to one of: \(supported.joined(separator: ", "))")
      }
      return nil
    }

    if encoderDecoderTypes.contains(modelType) {
      reader.report(
        "model_type",
        "\(modelType) is an encoder-decoder family, which is not supported; use a decoder-only "
          + "model (\(supported.joined(separator: ", ")))", at: typeNode)
      return nil
    }
    if let alibiProblem = alibiProblem(reader.root, modelType: modelType) {
      reader.report(alibiProblem.path, alibiProblem.message, at: alibiProblem.node ?? typeNode)
      return nil
    }
    guard let family = ModelFamily(rawValue: modelType) else {
      if modelType == "gemma3" {
        reader.report(
          "model_type",
          "gemma3 is the multimodal Gemma 3 config; save its text_config as its own file, "
            + "with model_type gemma3_text", at: typeNode)
      } else if !hasExpertField {
        reader.report(
          "model_type",
          "\"\(modelType)\" is not a supported model_type; supported: "
            + supported.joined(separator: ", ")
            + DidYouMean.hint(for: modelType, among: supported), at: typeNode)
      }
      return nil
    }
    return family
  }

  /// Reports the first mixture-of-experts field with a positive value.
  ///
  /// - Returns: Whether such a field was found.
  static func checkExperts(_ reader: inout ModelConfigReader) -> Bool {
    for key in expertFields {
      guard let node = reader.root[key], let count = node.doubleValue, count > 0 else { continue }
      reader.report(
        key,
        "\(node.excerpt) marks a mixture-of-experts model, which is not supported; use a dense "
          + "model",
        at: node)
      return true
    }
    return false
  }

  /// Describes why a model that uses ALiBi position bias is rejected, or returns `nil`.
  ///
  /// BLOOM always uses ALiBi; MPT does unless `attn_config.alibi` is false; Falcon does when
  /// `alibi` is true.
  static func alibiProblem(_ root: JSONNode, modelType: String) -> (
    path: String, message: String, node: JSONNode?
  )? {
    let reason =
      "uses ALiBi position bias, which is not supported; use a model with rotary or "
      + "learned position embeddings"
    switch modelType {
    case "bloom":
      return ("model_type", "bloom \(reason)", nil)
    case "mpt":
      let flag = root["attn_config"]?["alibi"]
      guard flag?.boolValue != false else { return nil }
      return ("model_type", "mpt \(reason) (attn_config.alibi)", nil)
    case "falcon", "RefinedWeb", "RefinedWebModel":
      guard let flag = root["alibi"], flag.boolValue == true else { return nil }
      return ("alibi", "true: \(modelType) with alibi \(reason)", flag)
    default:
      return nil
    }
  }
}
