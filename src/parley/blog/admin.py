from django.contrib import admin

from parley.blog.models import Category, Page, Post, Tag

admin.site.register(Post)
admin.site.register(Page)
admin.site.register(Category)
admin.site.register(Tag)
