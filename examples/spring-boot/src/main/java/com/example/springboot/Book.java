package com.example.springboot;

/** A book, cached through the JSR-107 annotations. */
public record Book(String isbn, String title) {
}
