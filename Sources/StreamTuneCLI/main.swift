import StreamTune

print("streamtune")
