"""Segmentation: lines into paragraphs and blocks; multi-story files into documents."""
