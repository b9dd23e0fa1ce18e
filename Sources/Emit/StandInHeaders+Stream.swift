extension StandInHeaders {
  /// `hls_stream.h`: a bounded FIFO whose read and write block.
  static let hlsStream = #"""
    // Stand-in for the AMD Vitis HLS stream header, for C simulation with a plain C++17 compiler.
    // Unlike the vendor's C simulation, whose streams are unbounded, a stream here holds at most
    // its depth (the template argument, or STREAMTUNE_FIFO_OVERRIDE), and read and write block, so
    // a FIFO that is too shallow deadlocks as it would in hardware. Each dataflow process must run
    // on its own thread (see streamtune_csim.h).
    #ifndef STREAMTUNE_STANDIN_HLS_STREAM_H
    #define STREAMTUNE_STANDIN_HLS_STREAM_H

    #define STREAMTUNE_STANDIN_HLS_STREAM 1

    #include <condition_variable>
    #include <cstdio>
    #include <deque>
    #include <mutex>
    #include <string>

    #include "streamtune_csim.h"

    namespace hls {

    template <typename T, int DEPTH = 0>
    class stream;

    /// A bounded FIFO of T with blocking read and write; this form has the default depth of 2.
    /// Functions take `stream<T>&`, to which every `stream<T, DEPTH>` converts.
    template <typename T>
    class stream<T, 0> : public streamtune::csim::StreamInfo {
     public:
      stream() : stream("stream") {}
      explicit stream(const char* name) : stream(name, 2) {}
      stream(const stream&) = delete;
      stream& operator=(const stream&) = delete;

      ~stream() override {
        streamtune::csim::Monitor::instance().remove_stream(this);
        if (!items_.empty()) {
          std::fprintf(stderr, "error: stream %s destroyed with %zu unread tokens\n", name_.c_str(),
                       items_.size());
          streamtune::csim::Monitor::instance().leftover_tokens.fetch_add(
              static_cast<long long>(items_.size()));
        }
      }

      void write(const T& value) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.size() >= depth_) {
          streamtune::csim::BlockedScope blocked(name_.c_str(), true);
          not_full_.wait(lock, [this] { return items_.size() < depth_; });
        }
        items_.push_back(value);
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_empty_.notify_all();
      }

      T read() {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.empty()) {
          streamtune::csim::BlockedScope blocked(name_.c_str(), false);
          not_empty_.wait(lock, [this] { return !items_.empty(); });
        }
        T value = items_.front();
        items_.pop_front();
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_full_.notify_all();
        return value;
      }

      void read(T& value) { value = read(); }
      void operator>>(T& value) { value = read(); }
      void operator<<(const T& value) { write(value); }

      bool read_nb(T& value) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.empty()) return false;
        value = items_.front();
        items_.pop_front();
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_full_.notify_all();
        return true;
      }

      bool write_nb(const T& value) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.size() >= depth_) return false;
        items_.push_back(value);
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_empty_.notify_all();
        return true;
      }

      bool empty() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.empty();
      }

      bool full() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.size() >= depth_;
      }

      std::size_t size() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.size();
      }

      const char* stream_name() const override { return name_.c_str(); }
      std::size_t occupancy() const override { return size(); }
      std::size_t capacity() const override { return depth_; }

     protected:
      stream(const char* name, int depth)
          : name_(name), depth_(streamtune::csim::depth_for(name, depth)) {
        streamtune::csim::Monitor::instance().add_stream(this);
      }

     private:
      std::string name_;
      std::size_t depth_;
      mutable std::mutex mutex_;
      std::condition_variable not_empty_;
      std::condition_variable not_full_;
      std::deque<T> items_;
    };

    /// A stream whose depth (in tokens) is fixed by the type, like `#pragma HLS stream depth=`.
    template <typename T, int DEPTH>
    class stream : public stream<T, 0> {
     public:
      stream() : stream<T, 0>("stream", DEPTH) {}
      explicit stream(const char* name) : stream<T, 0>(name, DEPTH) {}
    };

    }  // namespace hls

    #endif
    """#
}
