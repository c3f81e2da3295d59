"""Text primitives shared by the extractors: language, sentences, numbers and calendar words."""
