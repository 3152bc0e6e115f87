"""The steps. None of these modules imports typer, rich or click."""
